export * from './protocol';
export * from './codec';

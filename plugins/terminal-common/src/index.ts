/**
 * Shared by Hatchway's terminal packages (the terminal page, the terminal backend, the gateway
 * and the runner): API types, permissions, ticket claims, the session store's contract, and the
 * one implementation of ttyd's WebSocket protocol.
 *
 * @packageDocumentation
 */
export * from './ttyd';
export * from './permissions';
export * from './api/types';
export * from './api/ticket';
export * from './store/contract';

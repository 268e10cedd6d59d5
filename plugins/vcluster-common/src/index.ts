/**
 * Wire types, name validation, permissions and a typed client of Hatchway vClusters, shared by
 * the frontend, the backend and the scaffolder actions.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './validation';
export * from './permissions';
export { VClusterClient } from './api/VClusterClient';
export type { VClusterDiscovery, VClusterFetch } from './api/VClusterClient';

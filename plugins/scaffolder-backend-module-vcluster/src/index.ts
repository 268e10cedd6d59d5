/**
 * Scaffolder actions for Hatchway vClusters: `vcluster:create`, `vcluster:wait` and
 * `vcluster:delete`, each acting as the user who runs the template.
 *
 * @packageDocumentation
 */
export { scaffolderModuleVCluster as default } from './module';
export { createVClusterCreateAction } from './actions/createVClusterAction';
export { createVClusterWaitAction } from './actions/waitForVClusterAction';
export { createVClusterDeleteAction } from './actions/deleteVClusterAction';
export { createUserScopedClientFactory } from './client/userScopedClient';
export { createKubeconfigUrlResolver } from './client/kubeconfigUrl';
export type { KubeconfigUrlResolver } from './client/kubeconfigUrl';
export type {
  TaskInitiator,
  VClusterClientFactory,
} from './client/userScopedClient';

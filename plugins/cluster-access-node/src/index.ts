/**
 * Hatchway's shared cluster access: which clusters exist and a KubeConfig for each.
 *
 * @packageDocumentation
 */
export { clusterAccessServiceRef } from './clusterAccessServiceRef';
export { DefaultClusterAccessService } from './DefaultClusterAccessService';
export type {
  ClusterAccessService,
  CredentialSource,
  HatchwayCluster,
} from './types';
export type { ResolverEnvironment } from './resolveKubeConfig';

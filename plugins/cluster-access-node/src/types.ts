import { KubeConfig } from '@kubernetes/client-node';

/**
 * A cluster Hatchway may act on, as configured under `kubernetes.clusterLocatorMethods`.
 * @public
 */
export interface HatchwayCluster {
  /** Unique name; the same name the Backstage Kubernetes plugin shows. */
  name: string;
  /** Human-friendly title, defaulting to the name. */
  title: string;
  /** API server URL from config, if one is set. */
  url?: string;
}

/**
 * Where a cluster's credentials came from, for logs and error messages.
 * @public
 */
export type CredentialSource =
  | 'config'
  | 'in-cluster'
  | 'kubeconfig-path'
  | 'KUBECONFIG'
  | 'home-kubeconfig';

/**
 * One list of clusters for every Hatchway backend plugin and a KubeConfig for each.
 * @public
 */
export interface ClusterAccessService {
  /** Every configured cluster, in config order. */
  listClusters(): HatchwayCluster[];
  /** The named cluster; throws NotFoundError if it is not configured. */
  getCluster(name: string): HatchwayCluster;
  /**
   * A KubeConfig whose current context reaches the named cluster. Throws NotFoundError for an
   * unknown cluster, and an error naming every credential source tried when none is usable.
   */
  getKubeConfig(name: string): KubeConfig;
  /** Where {@link ClusterAccessService.getKubeConfig} found the named cluster's credentials. */
  getCredentialSource(name: string): CredentialSource;
}

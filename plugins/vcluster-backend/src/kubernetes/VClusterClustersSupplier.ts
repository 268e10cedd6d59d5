import { LoggerService } from '@backstage/backend-plugin-api';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import { VClusterConnection } from './types';

/** The Kubernetes plugin's name of a vCluster. */
export const kubernetesClusterName = (vcluster: string) =>
  `vcluster-${vcluster}`;

/**
 * The clusters of `kubernetes.clusterLocatorMethods` (the default supplier, which setting a
 * supplier would otherwise replace) followed by every Ready vCluster. The vCluster list is a
 * cache that {@link VClusterClustersSupplier.refresh} replaces: `getClusters` runs on every
 * Kubernetes request and must not call the vCluster API each time. A failed refresh keeps the
 * last list rather than making every vCluster vanish for a moment.
 */
export class VClusterClustersSupplier implements KubernetesClustersSupplier {
  private vclusters: ClusterDetails[] = [];
  private defaults?: KubernetesClustersSupplier;

  constructor(
    private readonly fetchConnections: () => Promise<VClusterConnection[]>,
    private readonly logger: LoggerService,
  ) {}

  /** Called once by the Kubernetes plugin with its config-based supplier. */
  wrap(defaults: KubernetesClustersSupplier): this {
    this.defaults = defaults;
    return this;
  }

  async refresh(): Promise<void> {
    let connections: VClusterConnection[];
    try {
      connections = await this.fetchConnections();
    } catch (error) {
      this.logger.warn(
        'Could not read the vCluster list; keeping the previous one',
        { error: (error as Error).message },
      );
      return;
    }
    const before = this.vclusters.map(c => c.name).join();
    this.vclusters = connections.map(toClusterDetails);
    const after = this.vclusters.map(c => c.name).join();
    if (before !== after) {
      this.logger.info('vClusters offered to the Kubernetes plugin changed', {
        count: this.vclusters.length,
      });
    }
  }

  async getClusters(
    options: Parameters<KubernetesClustersSupplier['getClusters']>[0],
  ): Promise<ClusterDetails[]> {
    const configured = (await this.defaults?.getClusters(options)) ?? [];
    return [...configured, ...this.vclusters];
  }
}

function toClusterDetails(connection: VClusterConnection): ClusterDetails {
  return {
    name: kubernetesClusterName(connection.name),
    title: `vCluster ${connection.name} (on ${connection.cluster})`,
    url: connection.url,
    ...(connection.caData && { caData: connection.caData }),
    skipTLSVerify: connection.skipTLSVerify,
    // A vCluster runs no metrics-server unless its owner installs one.
    skipMetricsLookup: true,
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'serviceAccount',
      // The serviceAccount strategy sends this as the bearer token and never presents it.
      serviceAccountToken: connection.token,
    },
  };
}

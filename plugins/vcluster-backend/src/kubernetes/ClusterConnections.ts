import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { ClusterRow } from '../database/rows';
import { HostClusters } from '../provisioning/HostClusters';
import { readReachableKubeconfig } from '../provisioning/readReachableKubeconfig';
import { VClusterConnection } from './types';

/**
 * The connections of every Ready vCluster, read from their kubeconfig Secrets with the server
 * others can reach. A vCluster whose Secret is missing, unreadable or carries no token is left
 * out (and said so, by name only), so one broken vCluster never hides the others.
 */
export class ClusterConnections {
  constructor(
    private readonly deps: {
      clusters: DatabaseClusterRepository;
      hostClusters: HostClusters;
      logger: LoggerService;
    },
  ) {}

  async list(): Promise<VClusterConnection[]> {
    const ready = (await this.deps.clusters.listAll())
      .filter(row => row.phase === 'Ready')
      .sort((a, b) => a.name.localeCompare(b.name));
    const connections = await Promise.all(ready.map(row => this.read(row)));
    return connections.filter((c): c is VClusterConnection => !!c);
  }

  private async read(row: ClusterRow): Promise<VClusterConnection | undefined> {
    const host = this.deps.hostClusters.find(row);
    if (!host) return undefined;
    try {
      const yaml = await readReachableKubeconfig(host, row);
      if (!yaml) return undefined;
      const kc = new KubeConfig();
      kc.loadFromString(yaml);
      const cluster = kc.getCurrentCluster();
      const token = kc.getCurrentUser()?.token;
      if (!cluster || !token) {
        this.deps.logger.warn(
          'vCluster kubeconfig has no server or bearer token; not offered to the Kubernetes plugin',
          { vcluster: row.name },
        );
        return undefined;
      }
      return {
        name: row.name,
        cluster: row.cluster,
        owner: row.owner,
        url: cluster.server,
        ...(cluster.caData && { caData: cluster.caData }),
        skipTLSVerify: cluster.skipTLSVerify ?? false,
        token,
      };
    } catch (error) {
      this.deps.logger.warn('Could not read a vCluster kubeconfig', {
        vcluster: row.name,
        error: (error as Error).name,
      });
      return undefined;
    }
  }
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { ClusterRow, toDate } from '../database/rows';
import { HostClusters } from '../provisioning/HostClusters';
import { readReachableKubeconfig } from '../provisioning/readReachableKubeconfig';
import { VClusterConnection } from './types';

/** How long a connection read from a Secret is reused while its vCluster stays Ready. */
const MAX_AGE_MS = 5 * 60_000;

/**
 * The connections of every Ready vCluster, read from their kubeconfig Secrets with the server
 * others can reach. A vCluster whose Secret is missing, unreadable or carries no token is left
 * out (and said so, by name only), so one broken vCluster never hides the others.
 *
 * Every replica of the Kubernetes plugin asks every few seconds, so a connection is kept (in
 * memory only) until its vCluster turns Ready again (a wake sets `phase_since`; the nested
 * server may move) or it is five minutes old: asking again costs no Kubernetes request.
 */
export class ClusterConnections {
  private readonly cache = new Map<
    string,
    { key: string; readAt: number; connection: VClusterConnection }
  >();

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
    const names = new Set(ready.map(row => row.name));
    for (const name of this.cache.keys()) {
      if (!names.has(name)) this.cache.delete(name);
    }
    const connections = await Promise.all(ready.map(row => this.cached(row)));
    return connections.filter((c): c is VClusterConnection => !!c);
  }

  private async cached(
    row: ClusterRow,
  ): Promise<VClusterConnection | undefined> {
    const key = `${row.cluster}/${toDate(row.phase_since).getTime()}`;
    const hit = this.cache.get(row.name);
    if (hit && hit.key === key && Date.now() - hit.readAt < MAX_AGE_MS) {
      return hit.connection;
    }
    const connection = await this.read(row);
    if (connection) {
      this.cache.set(row.name, { key, readAt: Date.now(), connection });
    } else {
      this.cache.delete(row.name);
    }
    return connection;
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

import {
  ListVClustersResponse,
  VClusterOwnerUsage,
  VClusterPortalConfig,
  VCLUSTER_NAME_MAX_LENGTH,
} from '@hatchway/plugin-vcluster-common';
import { VClusterOptions } from '../config/readVClusterConfig';
import {
  ClusterFilter,
  DatabaseClusterRepository,
  PageCursor,
} from '../database/DatabaseClusterRepository';
import { rowToVCluster, runningHours, toDate } from '../database/rows';
import { Clock } from './types';

/** Read side of the API, served from the database only: no Kubernetes call per request. */
export class ClusterQueries {
  constructor(
    private readonly clusters: DatabaseClusterRepository,
    private readonly options: VClusterOptions,
    private readonly clock: Clock,
  ) {}

  async list(
    filter: ClusterFilter,
    page: { limit: number; after?: PageCursor },
    encode: (cursor: PageCursor) => string,
  ): Promise<ListVClustersResponse> {
    if (filter.owners?.length === 0) return { items: [], totalCount: 0 };
    const { rows, totalCount } = await this.clusters.list(filter, page);
    const now = this.clock();
    const last = rows[rows.length - 1];
    const response: ListVClustersResponse = {
      items: rows.map(row => rowToVCluster(row, now)),
      totalCount,
    };
    if (last && rows.length === page.limit) {
      response.nextCursor = encode({
        createdAt: toDate(last.created_at).getTime(),
        name: last.name,
      });
    }
    return response;
  }

  portalConfig(): VClusterPortalConfig {
    const { options } = this;
    return {
      hostClusters: options.hostClusters.map(c => c.name),
      defaultCluster: options.hostClusters[0].name,
      sizes: [...options.sizes.values()].map(s => ({
        name: s.name,
        ...(s.description ? { description: s.description } : {}),
        defaultTtlHours: s.defaultTtlHours,
        maxTtlHours: s.maxTtlHours,
      })),
      defaultSize: options.defaultSize,
      nameMaxLength: VCLUSTER_NAME_MAX_LENGTH,
    };
  }

  async usage(): Promise<{ items: VClusterOwnerUsage[] }> {
    const now = this.clock();
    const byOwner = new Map<string, VClusterOwnerUsage>();
    for (const row of await this.clusters.usageByOwner()) {
      const usage = byOwner.get(row.owner) ?? {
        owner: row.owner,
        clusters: 0,
        cpuRequestsMillicores: 0,
        memoryRequestsBytes: 0,
        runningHours: 0,
      };
      usage.clusters += 1;
      usage.cpuRequestsMillicores += row.usage_cpu_millicores ?? 0;
      usage.memoryRequestsBytes += Number(row.usage_memory_bytes ?? 0);
      usage.runningHours =
        Math.round((usage.runningHours + runningHours(row, now)) * 100) / 100;
      byOwner.set(row.owner, usage);
    }
    return { items: [...byOwner.values()] };
  }
}

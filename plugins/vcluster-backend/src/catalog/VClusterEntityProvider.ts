import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { VCluster, VClusterClient } from '@hatchway/plugin-vcluster-common';
import { createHash } from 'node:crypto';
import { PROVIDER_LOCATION, toResourceEntity } from './toResourceEntity';

const PAGE_SIZE = 500;

/**
 * Emits every vCluster as a catalog Resource. It reads them from the vCluster backend's API
 * (the catalog runs as another plugin, possibly in another process) and replaces the whole set
 * with a full mutation whenever anything changed, so deleted vClusters leave the catalog.
 */
export class VClusterEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastHash?: string;

  constructor(
    private readonly client: VClusterClient,
    private readonly logger: LoggerService,
    private readonly appBaseUrl: string,
  ) {}

  getProviderName(): string {
    return 'vcluster';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Reads every vCluster and applies a full mutation when the set changed. */
  async refresh(): Promise<void> {
    if (!this.connection) return;
    const clusters: VCluster[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.list({ limit: PAGE_SIZE, cursor });
      clusters.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const entities = clusters
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(cluster => toResourceEntity(cluster, this.appBaseUrl));
    const hash = createHash('sha256')
      .update(JSON.stringify(entities))
      .digest('hex');
    if (hash === this.lastHash) return;
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PROVIDER_LOCATION,
      })),
    });
    this.lastHash = hash;
    this.logger.info('vCluster entities updated', { count: entities.length });
  }
}

import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  ReadinessEntityPlatformResponse,
  ReadinessPlatformComponent,
  ReadinessPlatformResponse,
} from '@hatchway/plugin-readiness-common';
import {
  expectedComponentsFor,
  PlatformConfig,
} from '../config/readReadinessConfig';
import { ReadinessStore, StoredComponentStatus } from '../database/types';
import { Clock } from './types';

const DAY_MS = 86_400_000;

/** Answers the platform board's read endpoints. */
export interface PlatformQueryService {
  /** Throws NotFoundError for a cluster that is not configured. */
  cluster(query: {
    cluster: string;
    days: number;
  }): Promise<ReadinessPlatformResponse>;
  entity(entityRef: string): Promise<ReadinessEntityPlatformResponse>;
}

function toComponent(
  stored: StoredComponentStatus,
): ReadinessPlatformComponent {
  return { ...stored.status, since: stored.since, scanId: stored.scanId };
}

/**
 * Reads the stored platform boards. Components dropped from config since the last scan are left
 * out at once; ones added show from the next scan on.
 * @internal
 */
export class DefaultPlatformService implements PlatformQueryService {
  constructor(
    private readonly deps: {
      clusterAccess: ClusterAccessService;
      store: ReadinessStore;
      platform: PlatformConfig;
      clock: Clock;
    },
  ) {}

  async cluster(query: {
    cluster: string;
    days: number;
  }): Promise<ReadinessPlatformResponse> {
    const { name } = this.deps.clusterAccess.getCluster(query.cluster);
    const expected = expectedComponentsFor(this.deps.platform, name);
    const base = { cluster: name, days: query.days };
    if (!expected.length) {
      return { ...base, configured: false, components: [], history: [] };
    }
    const since = new Date(this.deps.clock().getTime() - query.days * DAY_MS);
    const { platform } = this.deps.store;
    const [stored, history, latest] = await Promise.all([
      platform.components(name),
      platform.history(name, since),
      platform.latest(name),
    ]);
    const byName = new Map(stored.map(s => [s.status.name, s]));
    const components = expected.flatMap(c => {
      const found = byName.get(c.name);
      return found ? [toComponent(found)] : [];
    });
    return {
      ...base,
      configured: true,
      ...(latest && {
        readyPercent: latest.readyPercent,
        lastScanAt: latest.at,
      }),
      components,
      history,
    };
  }

  async entity(entityRef: string): Promise<ReadinessEntityPlatformResponse> {
    const stored = await this.deps.store.platform.componentsOfEntity(entityRef);
    return {
      entityRef,
      items: stored
        .filter(s =>
          expectedComponentsFor(this.deps.platform, s.cluster).some(
            c => c.name === s.status.name,
          ),
        )
        .map(s => ({ ...toComponent(s), cluster: s.cluster })),
    };
  }
}

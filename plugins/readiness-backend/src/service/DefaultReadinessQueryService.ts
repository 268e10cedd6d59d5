import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  ReadinessChecksResponse,
  ReadinessClustersResponse,
  ReadinessEntityResponse,
  ReadinessFindingsQuery,
  ReadinessFindingsResponse,
  ReadinessSummaryResponse,
} from '@hatchway/plugin-readiness-common';
import { scoreFindings } from '@hatchway/plugin-readiness-node';
import { ReadinessOptions } from '../config/readReadinessConfig';
import { dayOf } from '../database/DatabaseScanRepository';
import {
  FindingFilter,
  ReadinessStore,
  SnapshotScopeType,
} from '../database/types';
import { EntitySelectorSource } from '../mapping/CatalogEntitySelectors';
import { entitySelector } from '../mapping/entitySelectors';
import { CheckCatalog } from './CheckCatalog';
import {
  categoryScores,
  scoreFromCounts,
  topFailingChecks,
  trendPoints,
} from './scoring';
import { LiveRescoringStatusSource } from '../live/types';
import { Clock, ReadinessQueryService } from './types';

const TOP_FAILING_CHECKS = 5;
const DAY_MS = 86_400_000;

/** The API's findings query as a store filter. */
export function toFindingFilter(query: ReadinessFindingsQuery): FindingFilter {
  return {
    cluster: query.cluster,
    namespace: query.namespace,
    severity: query.severity,
    category: query.category,
    checkId: query.check,
    owner: query.owner,
    entityRef: query.entity,
    status: query.status,
  };
}

/** The first day of a trend of `days` days ending today. */
function sinceDay(now: Date, days: number): string {
  return dayOf(new Date(now.getTime() - (days - 1) * DAY_MS));
}

/**
 * The daily snapshots that trace a summary's scope: those of the owner, the namespace or the
 * cluster (of every cluster when none is named). Scans snapshot an owner's resources per cluster,
 * not per namespace, so an owner within a namespace has no trend.
 */
export function snapshotScope(filters: {
  cluster?: string;
  namespace?: string;
  owner?: string;
}): { type: SnapshotScopeType; ref?: string; cluster?: string } | undefined {
  const { cluster, namespace, owner } = filters;
  if (owner !== undefined) {
    return namespace === undefined
      ? { type: 'owner', ref: owner, cluster }
      : undefined;
  }
  if (namespace !== undefined)
    return { type: 'namespace', ref: namespace, cluster };
  return { type: 'cluster', ref: cluster };
}

/**
 * Answers the read endpoints from stored findings and snapshots.
 * @internal
 */
export class DefaultReadinessQueryService implements ReadinessQueryService {
  constructor(
    private readonly deps: {
      clusterAccess: ClusterAccessService;
      entities: EntitySelectorSource;
      store: ReadinessStore;
      catalog: CheckCatalog;
      options: Pick<ReadinessOptions, 'levels'>;
      clock: Clock;
      /** Live re-scoring per cluster; without it clusters carry no `liveRescoring`. */
      live?: LiveRescoringStatusSource;
    },
  ) {}

  async clusters(): Promise<ReadinessClustersResponse> {
    const { store, options } = this.deps;
    const [scans, counts, live] = await Promise.all([
      store.scans.latestByCluster(),
      store.findings.count({}, this.deps.clock()),
      this.deps.live?.statuses(),
    ]);
    return {
      items: this.deps.clusterAccess.listClusters().map(cluster => {
        const own = counts.filter(c => c.cluster === cluster.name);
        const latest = scans.get(cluster.name);
        const liveRescoring = live?.get(cluster.name);
        return {
          name: cluster.name,
          title: cluster.title,
          ...latest,
          ...(latest?.lastSuccessfulScan && {
            score: scoreFromCounts(own, options.levels),
          }),
          ...(liveRescoring && { liveRescoring }),
        };
      }),
    };
  }

  async summary(query: {
    cluster?: string;
    namespace?: string;
    owner?: string;
    days: number;
  }): Promise<ReadinessSummaryResponse> {
    const { days, ...filters } = query;
    const { levels } = this.deps.options;
    const now = this.deps.clock();
    const scope = snapshotScope(filters);
    const [counts, snapshots] = await Promise.all([
      this.deps.store.findings.count(toFindingFilter(filters), now),
      scope && this.deps.store.snapshots.trend(scope, sinceDay(now, days)),
    ]);
    return {
      filters,
      score: scoreFromCounts(counts, levels),
      categoryScores: categoryScores(counts, levels),
      ...(snapshots && { days, trend: trendPoints(snapshots, levels) }),
    };
  }

  async entity(query: {
    kind: string;
    namespace: string;
    name: string;
    days: number;
  }): Promise<ReadinessEntityResponse> {
    const requested = stringifyEntityRef(query);
    const entity = await this.deps.entities.getEntity(requested);
    if (!entity)
      throw new NotFoundError(`No entity ${requested} in the catalog`);
    // Refs compare case-insensitively in the catalog; scans store the catalog's spelling.
    const entityRef = stringifyEntityRef(entity);
    const { store, options, catalog } = this.deps;
    const now = this.deps.clock();
    const [{ items }, snapshots] = await Promise.all([
      store.findings.list({ entityRef }, now),
      store.snapshots.trend(
        { type: 'entity', ref: entityRef },
        sinceDay(now, query.days),
      ),
    ]);
    const selector = entitySelector(entity)?.description;
    return {
      entityRef,
      ...(selector && { selector }),
      score: scoreFindings(items, options.levels),
      topFailingChecks: topFailingChecks(items, catalog, TOP_FAILING_CHECKS),
      findings: items,
      days: query.days,
      trend: trendPoints(snapshots, options.levels),
    };
  }

  async findings(
    query: ReadinessFindingsQuery & { limit: number; offset: number },
  ): Promise<ReadinessFindingsResponse> {
    const { limit, offset } = query;
    const page = await this.deps.store.findings.list(
      toFindingFilter(query),
      this.deps.clock(),
      { limit, offset },
    );
    return { ...page, limit, offset };
  }

  checks(): ReadinessChecksResponse {
    const { catalog } = this.deps;
    return {
      profile: catalog.profile,
      items: catalog.checks,
      warnings: catalog.warnings,
    };
  }
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import { ReadinessScan } from '@hatchway/plugin-readiness-common';
import { evaluate } from '@hatchway/plugin-readiness-node';
import {
  expectedComponentsFor,
  ReadinessOptions,
} from '../config/readReadinessConfig';
import { resourceKeysIn } from '../database/rows';
import { ReadinessStore } from '../database/types';
import { describeError } from '../kubernetes/describeError';
import { PLATFORM_ONLY_KINDS } from '../kubernetes/kinds';
import { ClusterObjectReader } from '../kubernetes/types';
import { EntitySelectorSource } from '../mapping/CatalogEntitySelectors';
import { ResourceEntityIndex } from '../mapping/ResourceEntityIndex';
import { buildPlatformRecord } from './platform';
import { buildSnapshots } from './snapshots';
import { findingRecords } from './findingRecords';
import { Clock, ScanService } from './types';

/**
 * Scans a cluster: reads its objects, the catalog's selectors and the active exemptions, runs
 * the check engine, judges the platform board, and stores findings, mapping, snapshots and the
 * board at once. Scans of one cluster run
 * one after another in this backend; the scheduler keeps backends from overlapping.
 * @internal
 */
export class DefaultScanService implements ScanService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: {
      clusterAccess: ClusterAccessService;
      reader: ClusterObjectReader;
      entities: EntitySelectorSource;
      store: ReadinessStore;
      options: ReadinessOptions;
      logger: LoggerService;
      clock: Clock;
      /** Told of every successful scan, e.g. so live re-scoring catches up at once. */
      onScanSucceeded?: (scan: ReadinessScan) => void;
    },
  ) {}

  scan(cluster: string, options: { signal?: AbortSignal } = {}) {
    this.deps.clusterAccess.getCluster(cluster);
    const previous = this.queues.get(cluster) ?? Promise.resolve();
    const next = previous.then(() => this.run(cluster, options.signal));
    const settled = next.catch(() => undefined);
    this.queues.set(cluster, settled);
    settled.then(() => {
      if (this.queues.get(cluster) === settled) this.queues.delete(cluster);
    });
    return next;
  }

  private async run(
    cluster: string,
    signal?: AbortSignal,
  ): Promise<ReadinessScan> {
    const { store, options, clock } = this.deps;
    const started = await store.scans.start(cluster, clock());
    const logger = this.deps.logger.child({ cluster, scanId: started.id });
    try {
      const expected = expectedComponentsFor(options.platform, cluster);
      const [read, selectors] = await Promise.all([
        this.deps.reader.read(cluster, signal, {
          platform: expected.length > 0,
        }),
        this.deps.entities.selectors(),
      ]);
      // Events, CRDs and webhook configurations are for the platform board only, and so are the
      // excluded (control-plane) namespaces: platform components often live there.
      const excluded = options.excludeNamespaces;
      const checked = read.objects.filter(
        o =>
          !PLATFORM_ONLY_KINDS.has(o.kind ?? '') &&
          !excluded.has(
            (o.kind === 'Namespace'
              ? o.metadata?.name
              : o.metadata?.namespace) ?? '',
          ),
      );
      const now = clock();
      const result = evaluate(checked, {
        cluster,
        profile: options.profile,
        overrides: options.overrides,
        exemptions: await store.exemptions.listActive(now),
        now,
        allowAnnotationExemptions: options.allowAnnotationExemptions,
        settings: options.settings,
        levels: options.levels,
      });
      const keyOf = resourceKeysIn(cluster);
      // Made as the store writes them: hundreds of thousands at 10,000 workloads.
      const findings = findingRecords(
        cluster,
        checked,
        result.findingTable,
        keyOf,
      );
      const entityIndex = new ResourceEntityIndex(selectors);
      const resourceEntities = entityIndex.map(cluster, checked);
      const platform = buildPlatformRecord({
        objects: read.objects,
        listedKinds: read.listedKinds,
        expected,
        entities: entityIndex,
        restartThreshold: options.settings.restartThreshold,
      });
      const finished = await store.scans.complete({
        scanId: started.id,
        cluster,
        finishedAt: clock(),
        score: result.score,
        objectCount: read.objects.length,
        warnings: [...read.warnings, ...result.warnings, ...platform.warnings],
        findings,
        resourceEntities,
        snapshots: buildSnapshots(
          cluster,
          result.score,
          result.findingTable,
          resourceEntities,
          options.levels,
          keyOf,
        ),
        platform: platform.record,
      });
      logger.info('Readiness scan succeeded', {
        objects: read.objects.length,
        findings: result.findingTable.length,
        score: result.score.score,
        level: result.score.level,
        ...(expected.length > 0 && {
          platformReadyPercent: platform.record.readyPercent,
        }),
      });
      this.deps.onScanSucceeded?.(finished);
      return finished;
    } catch (error) {
      const message = describeError(error);
      logger.warn('Readiness scan failed; earlier results kept', {
        error: message,
      });
      return store.scans.fail(started.id, clock(), message);
    }
  }
}

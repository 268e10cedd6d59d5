import { LoggerService } from '@backstage/backend-plugin-api';
import { evaluate, KubernetesObject } from '@hatchway/plugin-readiness-node';
import { ReadinessOptions } from '../config/readReadinessConfig';
import { ReadinessStore } from '../database/types';
import { EntitySelector } from '../mapping/entitySelectors';
import { ResourceEntityIndex } from '../mapping/ResourceEntityIndex';
import { findingRecords } from '../service/findingRecords';
import { Clock } from '../service/types';
import {
  affectedPartitions,
  BindingLookup,
  partitionOf,
  partitionOfFinding,
} from './partitions';

/** A scan may have read an object up to this long before it recorded its start. */
const SCAN_START_MARGIN_MS = 1_000;
/** A stream of changes still flushes after this many debounce periods. */
const MAX_DELAY_FACTOR = 4;

/** The watched objects, as the rescorer reads them. */
export interface WatchedObjects extends BindingLookup {
  objects(partitions: ReadonlySet<string> | 'all'): KubernetesObject[];
  /** The objects last written at or after the time (epoch ms). */
  writtenSince(since: number): KubernetesObject[];
  /** Every kind listed and watching: the objects are as fresh as the cluster. */
  readonly watching: boolean;
}

/** A finished live re-scoring, for logs and the bench. */
export interface LiveUpdate {
  partitions: number | 'all';
  findings: number;
  inserted: number;
  deleted: number;
  evaluateMs: number;
  writeMs: number;
}

/**
 * Re-scores the parts of one cluster that changes affect: collects the partitions changed
 * objects touch, waits for a quiet `debounceMs` (so a rollout of many objects is one update),
 * evaluates them from the watched objects and replaces their stored findings and mapping.
 * Snapshots (history) are left to scans. Changes made while a scan ran are re-scored once the
 * scan is seen to have finished, as the scan may have read the objects before they changed.
 */
export class LiveRescorer {
  private readonly dirty = new Set<string>();
  private dirtyAll = false;
  /** When each partition last changed, for catching up after a scan. */
  private readonly changedAt = new Map<string, number>();
  private allChangedAt = 0;
  private firstPendingAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastScan: { id: string; startedAt: number } | undefined;
  private stopped = false;
  private resyncPending = false;

  constructor(
    private readonly deps: {
      cluster: string;
      holder: string;
      watched: WatchedObjects;
      store: ReadinessStore;
      options: ReadinessOptions;
      selectors: () => Promise<EntitySelector[]>;
      logger: LoggerService;
      clock: Clock;
      onUpdate?: (update: LiveUpdate) => void;
      /** After a live write: the objects judged, and the partitions re-scored (all when undefined). */
      onRescored?: (
        objects: readonly KubernetesObject[],
        partitions: readonly string[] | undefined,
      ) => Promise<void>;
    },
  ) {}

  /** An object was added, changed or deleted. */
  changed(object: KubernetesObject): void {
    const now = Date.now();
    const affected = affectedPartitions(object, this.deps.watched);
    if (affected.all) {
      this.dirtyAll = true;
      this.allChangedAt = now;
    } else {
      for (const partition of affected.partitions) {
        if (this.deps.options.excludeNamespaces.has(partition)) continue;
        this.dirty.add(partition);
        this.changedAt.set(partition, now);
      }
    }
    this.schedule();
  }

  /**
   * The watches have started from a fresh list: what changed while nothing watched (before this
   * instance took the lease, or started) is re-scored — the partitions of every object written
   * since the latest scan started, by the write times in its metadata. (A deletion in that gap
   * waits for the next scan.)
   */
  resync(): void {
    this.resyncPending = true;
    this.resyncIfScanned();
  }

  private resyncIfScanned() {
    if (!this.resyncPending || !this.lastScan) return;
    this.resyncPending = false;
    for (const object of this.deps.watched.writtenSince(
      this.lastScan.startedAt,
    )) {
      this.changed(object);
    }
  }

  /**
   * The cluster's latest successful scan. A new one may have overwritten changes made while it
   * ran with what it read before them: those partitions are re-scored.
   */
  scanSeen(scan: { id: string; startedAt: string }): void {
    if (this.lastScan?.id === scan.id) return;
    const startedAt = new Date(scan.startedAt).getTime() - SCAN_START_MARGIN_MS;
    this.lastScan = { id: scan.id, startedAt };
    for (const [partition, at] of this.changedAt) {
      if (at >= startedAt) this.dirty.add(partition);
      else this.changedAt.delete(partition);
    }
    if (this.allChangedAt >= startedAt) this.dirtyAll = true;
    this.resyncIfScanned();
    this.schedule();
  }

  /** Re-tries pending work, e.g. once the watches are healthy again. */
  kick(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule() {
    if (this.stopped || (!this.dirtyAll && this.dirty.size === 0)) return;
    const now = Date.now();
    if (!this.timer) this.firstPendingAt = now;
    clearTimeout(this.timer);
    const { debounceMs } = this.deps.options.live;
    const latest = this.firstPendingAt + debounceMs * MAX_DELAY_FACTOR;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, Math.max(0, Math.min(debounceMs, latest - now)));
  }

  private async flush(): Promise<void> {
    if (this.running) {
      // One update at a time; what changed meanwhile goes next.
      await this.running;
      this.schedule();
      return;
    }
    // Until the first scan the stored results are the scan's to write; until every kind is
    // watched the objects may be older than what a scan stored.
    if (!this.lastScan) {
      this.dirty.clear();
      this.dirtyAll = false;
      return;
    }
    if (!this.deps.watched.watching) return;
    const partitions = this.dirtyAll ? 'all' : new Set(this.dirty);
    this.dirty.clear();
    this.dirtyAll = false;
    this.running = this.rescore(partitions)
      .catch(error => {
        // Put the work back: the next change, scan or kick tries again.
        if (partitions === 'all') this.dirtyAll = true;
        else for (const p of partitions) this.dirty.add(p);
        this.deps.logger.warn('Live re-scoring failed; will retry', {
          error: String(error),
        });
      })
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  private async rescore(partitions: ReadonlySet<string> | 'all') {
    const { cluster, store, options, clock } = this.deps;
    const started = performance.now();
    const excluded = options.excludeNamespaces;
    const checked = this.deps.watched
      .objects(partitions)
      .filter(
        o =>
          !excluded.has(
            (o.kind === 'Namespace'
              ? o.metadata?.name
              : o.metadata?.namespace) ?? '',
          ),
      );
    const now = clock();
    const [exemptions, selectors] = await Promise.all([
      store.exemptions.listActive(now),
      this.deps.selectors(),
    ]);
    const result = evaluate(checked, {
      cluster,
      profile: options.profile,
      overrides: options.overrides,
      exemptions,
      now,
      allowAnnotationExemptions: options.allowAnnotationExemptions,
      settings: options.settings,
      levels: options.levels,
    });
    const inScope = (partition: string) =>
      partitions === 'all' || partitions.has(partition);
    const findings = [
      ...findingRecords(cluster, checked, result.findingTable),
    ].filter(record => inScope(partitionOfFinding(record.finding)));
    const resourceEntities = new ResourceEntityIndex(selectors).map(
      cluster,
      checked.filter(o => inScope(partitionOf(o))),
    );
    const evaluated = performance.now();
    const written = await store.live.rescore({
      cluster,
      holder: this.deps.holder,
      updateId: `live:${now.toISOString()}`,
      at: now,
      partitions: partitions === 'all' ? 'all' : [...partitions],
      findings,
      resourceEntities,
    });
    const update: LiveUpdate = {
      partitions: partitions === 'all' ? 'all' : partitions.size,
      findings: findings.length,
      inserted: written.inserted,
      deleted: written.deleted,
      evaluateMs: Math.round(evaluated - started),
      writeMs: Math.round(performance.now() - evaluated),
    };
    if (!written.written) {
      this.deps.logger.info('Live re-scoring skipped: the lease moved on');
      return;
    }
    this.deps.logger.debug('Live re-scoring written', { ...update });
    await this.deps
      .onRescored?.(checked, partitions === 'all' ? undefined : [...partitions])
      .catch(error =>
        this.deps.logger.warn('Could not update the Pod Security view live', {
          error: String(error),
        }),
      );
    this.deps.onUpdate?.(update);
  }
}

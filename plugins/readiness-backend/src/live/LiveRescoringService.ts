import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  LiveRescoringStatus,
  ReadinessScan,
} from '@hatchway/plugin-readiness-common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ReadinessOptions } from '../config/readReadinessConfig';
import { ReadinessStore } from '../database/types';
import { describeError } from '../kubernetes/describeError';
import { EntitySelectorSource } from '../mapping/CatalogEntitySelectors';
import { Clock } from '../service/types';
import { cachedSelectors } from './CachedSelectors';
import { ClusterWatcher, WatchHealth } from './ClusterWatcher';
import { PodSecurityRecorder } from '../podSecurity/types';
import { LiveRescorer, LiveUpdate } from './LiveRescorer';
import { LiveRescoringStatusSource } from './types';

/** How often the lease is renewed and the latest scan looked up. */
const TICK_MS = 5_000;
/** How long a lease outlives its last renewal: another instance takes over after that. */
const LEASE_TTL_MS = 20_000;
const SELECTORS_TTL_MS = 60_000;

/** The watcher and rescorer of one cluster this instance holds the lease of. */
interface Running {
  watcher?: ClusterWatcher;
  rescorer?: LiveRescorer;
  starting?: Promise<void>;
}

/**
 * Live re-scoring of every cluster it is enabled for. Each backend instance competes for a
 * per-cluster lease in the database; the holder watches the cluster and writes, the others only
 * report the state it stored. Losing the lease (or stopping) stops the watches.
 * @internal
 */
export class LiveRescoringService implements LiveRescoringStatusSource {
  private readonly holder = `${hostname()}-${process.pid}-${randomUUID().slice(
    0,
    8,
  )}`;
  private readonly running = new Map<string, Running>();
  /** Attempts in a row whose watch could not start (the cluster was unreachable). */
  private readonly startFailures = new Map<string, number>();
  private readonly selectors: ReturnType<typeof cachedSelectors>;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      clusterAccess: ClusterAccessService;
      store: ReadinessStore;
      options: ReadinessOptions;
      entities: EntitySelectorSource;
      logger: LoggerService;
      clock: Clock;
      /** Called after each live update is written (the bench times them). */
      onUpdate?: (cluster: string, update: LiveUpdate) => void;
      /** Re-judges the Pod Security view of the namespaces a live update re-scored. */
      podSecurity?: PodSecurityRecorder;
    },
  ) {
    this.selectors = cachedSelectors(deps.entities, SELECTORS_TTL_MS);
  }

  private clusters(): string[] {
    return this.deps.clusterAccess
      .listClusters()
      .map(c => c.name)
      .filter(name => this.deps.options.live.enabledFor(name));
  }

  /** Starts competing for the leases; returns at once. */
  start(): void {
    if (!this.clusters().length) return;
    const loop = () => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (!this.stopped) this.timer = setTimeout(loop, TICK_MS);
      });
    };
    loop();
  }

  /** Stops every watch and gives the leases up. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(
      [...this.running.keys()].map(cluster => this.release(cluster)),
    );
  }

  /** A scan of the cluster succeeded (in this instance; others' are seen at the next tick). */
  scanSeen(scan: ReadinessScan): void {
    this.running.get(scan.cluster)?.rescorer?.scanSeen(scan);
  }

  async statuses(): Promise<Map<string, LiveRescoringStatus>> {
    const rows = new Map(
      (await this.deps.store.live.statuses()).map(r => [r.cluster, r]),
    );
    const now = this.deps.clock();
    const result = new Map<string, LiveRescoringStatus>();
    for (const { name } of this.deps.clusterAccess.listClusters()) {
      const row = rows.get(name);
      if (!this.deps.options.live.enabledFor(name)) {
        result.set(name, { state: 'disabled' });
      } else if (!row?.holder || row.leaseExpiresAt <= now) {
        result.set(name, {
          state: 'degraded',
          message:
            'No backend instance is watching this cluster; scores change at scheduled scans.',
        });
      } else {
        result.set(name, {
          state: row.state,
          ...(row.message && { message: row.message }),
          since: row.since.toISOString(),
          ...(row.lastUpdateAt && {
            lastUpdateAt: row.lastUpdateAt.toISOString(),
          }),
        });
      }
    }
    return result;
  }

  private async tick() {
    const { store, clock, logger } = this.deps;
    let latest;
    try {
      latest = await store.scans.latestByCluster();
    } catch (error) {
      logger.warn('Live re-scoring could not read scans', {
        error: describeError(error),
      });
      return;
    }
    for (const cluster of this.clusters()) {
      if (this.stopped) return;
      try {
        const held = await store.live.acquire(
          cluster,
          this.holder,
          clock(),
          LEASE_TTL_MS,
        );
        const running = this.running.get(cluster);
        if (!held) {
          if (running) {
            logger.info('Live re-scoring lease taken over', { cluster });
            await this.release(cluster);
          }
          continue;
        }
        if (!running) this.begin(cluster);
        const scan = latest.get(cluster)?.lastSuccessfulScan;
        if (scan) this.running.get(cluster)?.rescorer?.scanSeen(scan);
      } catch (error) {
        logger.warn('Live re-scoring lease failed', {
          cluster,
          error: describeError(error),
        });
      }
    }
  }

  private begin(cluster: string) {
    const entry: Running = {};
    this.running.set(cluster, entry);
    const { store, options, logger, clock } = this.deps;
    const log = logger.child({ cluster });
    const setState = (health: WatchHealth) =>
      store.live
        .setState(
          cluster,
          this.holder,
          health.state,
          health.state === 'degraded' ? health.message : undefined,
          clock(),
        )
        .catch(error =>
          log.warn('Could not store the live re-scoring state', {
            error: describeError(error),
          }),
        );
    entry.starting = (async () => {
      try {
        const rescorer = new LiveRescorer({
          cluster,
          holder: this.holder,
          watched: {
            objects: p => entry.watcher?.objects(p) ?? [],
            namespacesBinding: r => entry.watcher?.namespacesBinding(r) ?? [],
            writtenSince: t => entry.watcher?.writtenSince(t) ?? [],
            get watching() {
              return entry.watcher?.watching ?? false;
            },
          },
          store,
          options,
          selectors: this.selectors,
          logger: log,
          clock,
          onUpdate: update => this.deps.onUpdate?.(cluster, update),
          onRescored: async (objects, partitions) =>
            this.deps.podSecurity?.record(cluster, objects, partitions),
        });
        entry.rescorer = rescorer;
        entry.watcher = await ClusterWatcher.start({
          cluster,
          kubeConfig: this.deps.clusterAccess.getKubeConfig(cluster),
          onChange: object => rescorer.changed(object),
          onHealth: health => {
            if (health.state !== 'degraded') this.startFailures.delete(cluster);
            void setState(health);
            if (health.state === 'degraded') {
              log.warn('Live re-scoring degraded', {
                reason: health.message,
              });
            }
            rescorer.kick();
          },
          onSynced: () => rescorer.resync(),
          failureThreshold: options.live.failureThreshold,
          retryDelayMs: options.live.retryDelayMs,
          logger: log,
        });
        if (this.stopped || this.running.get(cluster) !== entry) {
          await entry.watcher.stop();
        } else {
          log.info('Live re-scoring watching the cluster');
        }
      } catch (error) {
        // Discovery failed (the cluster is unreachable): the next tick tries again.
        const failures = (this.startFailures.get(cluster) ?? 0) + 1;
        this.startFailures.set(cluster, failures);
        await entry.rescorer?.stop();
        this.running.delete(cluster);
        const message = `Could not start watching the cluster (${describeError(
          error,
        )}); scores change at scheduled scans.`;
        log.warn('Live re-scoring could not start', {
          error: describeError(error),
        });
        await setState(
          failures >= options.live.failureThreshold
            ? { state: 'degraded', message }
            : { state: 'starting' },
        );
      }
    })();
  }

  private async release(cluster: string) {
    const entry = this.running.get(cluster);
    this.running.delete(cluster);
    if (entry) {
      await entry.starting;
      await entry.rescorer?.stop();
      await entry.watcher?.stop();
    }
    await this.deps.store.live
      .release(cluster, this.holder, this.deps.clock())
      .catch(() => undefined);
  }
}

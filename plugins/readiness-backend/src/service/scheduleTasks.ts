import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import { ReadinessOptions } from '../config/readReadinessConfig';
import { dayOf } from '../database/DatabaseScanRepository';
import { ReadinessStore } from '../database/types';
import { Clock, ScanService } from './types';

const DAY_MS = 86_400_000;

/** Deletes snapshots, platform history and scan records older than the retention. */
export async function pruneHistory(
  store: ReadinessStore,
  retentionDays: number,
  now: Date,
): Promise<{ snapshots: number; scans: number; platformHistory: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return {
    snapshots: await store.snapshots.pruneBefore(dayOf(cutoff)),
    scans: await store.scans.pruneBefore(cutoff),
    platformHistory: await store.platform.pruneBefore(cutoff),
  };
}

/**
 * One scan task per configured cluster, so a slow or unreachable cluster delays no other, and a
 * daily task that prunes history. Tasks are global: one backend instance runs each at a time.
 * @internal
 */
export async function scheduleTasks(deps: {
  scheduler: SchedulerService;
  clusterAccess: ClusterAccessService;
  scans: ScanService;
  store: ReadinessStore;
  options: ReadinessOptions;
  logger: LoggerService;
  clock: Clock;
}): Promise<void> {
  const { scheduler, options, logger } = deps;
  for (const { name } of deps.clusterAccess.listClusters()) {
    await scheduler.scheduleTask({
      id: `readiness-scan:${name}`,
      ...options.schedule,
      fn: async signal => {
        await deps.scans.scan(name, { signal });
      },
    });
  }
  await scheduler.scheduleTask({
    id: 'readiness-prune-history',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const pruned = await pruneHistory(
        deps.store,
        options.retentionDays,
        deps.clock(),
      );
      logger.info('Pruned readiness history', {
        ...pruned,
        retentionDays: options.retentionDays,
      });
    },
  });
}

import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { VClusterOptions } from './config/readVClusterConfig';
import { DatabaseVClusterStore } from './database/DatabaseVClusterStore';
import { Housekeeping } from './housekeeping/Housekeeping';
import { ClusterConnections } from './kubernetes/ClusterConnections';
import { HostClusters } from './provisioning/HostClusters';
import { ClusterNotifier } from './reconcile/ClusterNotifier';
import { ReconcileLoop } from './reconcile/ReconcileLoop';
import { VClusterReconciler } from './reconcile/VClusterReconciler';
import { AuditLog } from './service/AuditLog';
import { ClusterCommands } from './service/ClusterCommands';
import { ClusterQueries } from './service/ClusterQueries';
import { KubeconfigDownloads } from './service/KubeconfigDownloads';
import { Clock } from './service/types';

/** Builds the plugin's services from its dependencies; `plugin.ts` only wires. @internal */
export function buildServices(deps: {
  store: DatabaseVClusterStore;
  options: VClusterOptions;
  hostClusters: HostClusters;
  notifier: ClusterNotifier;
  auditor: AuditorService;
  logger: LoggerService;
  clock: Clock;
  holder: string;
}) {
  const { store, options, hostClusters, notifier, logger, clock } = deps;
  const clusters = store.clusters;
  const audit = new AuditLog(deps.auditor, store.audit, clock);
  const reconciler = new VClusterReconciler({
    clusters,
    hostClusters,
    options,
    notifier,
    logger,
    clock,
    holder: deps.holder,
  });
  const loop = new ReconcileLoop(
    reconciler,
    clusters,
    hostClusters,
    logger,
    options.reconcile.watchRetrySeconds,
  );
  const { enqueue } = loop;
  const housekeeping = new Housekeeping({
    clusters,
    hostClusters,
    options,
    audit,
    notifier,
    enqueue,
    logger,
    clock,
  });
  return {
    loop,
    housekeeping,
    commands: new ClusterCommands({
      clusters,
      hostClusters,
      options,
      audit,
      enqueue,
      clock,
    }),
    queries: new ClusterQueries(clusters, options, clock),
    connections: new ClusterConnections({ clusters, hostClusters, logger }),
    kubeconfigs: new KubeconfigDownloads({
      clusters,
      hostClusters,
      audit,
      clock,
    }),
    /** The periodic resync and housekeeping, each run by one replica at a time. */
    async schedule(scheduler: SchedulerService) {
      await scheduler.scheduleTask({
        id: 'vcluster-resync',
        frequency: { seconds: options.reconcile.resyncSeconds },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 1 },
        fn: () => loop.resync(),
      });
      await scheduler.scheduleTask({
        id: 'vcluster-housekeeping',
        frequency: { seconds: options.reconcile.housekeepingSeconds },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 1 },
        fn: () => housekeeping.run(),
      });
    },
  };
}

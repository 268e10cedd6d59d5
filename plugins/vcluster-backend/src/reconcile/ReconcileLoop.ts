import { LoggerService } from '@backstage/backend-plugin-api';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { HostClusters } from '../provisioning/HostClusters';
import { HostWatcher } from './HostWatcher';
import { ReconcileQueue } from './ReconcileQueue';
import { VClusterReconciler } from './VClusterReconciler';

/**
 * Drives the reconciler: host cluster watches and owner commands queue single vClusters, and a
 * periodic resync queues all of them (which also resumes every vCluster after a restart).
 */
export class ReconcileLoop {
  private readonly queue: ReconcileQueue;
  private readonly watchers: HostWatcher[];

  constructor(
    reconciler: VClusterReconciler,
    private readonly clusters: DatabaseClusterRepository,
    hostClusters: HostClusters,
    logger: LoggerService,
    watchRetrySeconds: number,
  ) {
    this.queue = new ReconcileQueue(name => reconciler.reconcile(name), logger);
    this.watchers = hostClusters
      .names()
      .map(
        name =>
          new HostWatcher(
            hostClusters.get(name).kubeConfig,
            vcluster => this.enqueue(vcluster),
            logger.child({ hostCluster: name }),
            watchRetrySeconds * 1000,
          ),
      );
  }

  /** Queues one vCluster; bound so it can be handed around as a callback. */
  readonly enqueue = (name: string): void => this.queue.add(name);

  async start(): Promise<void> {
    await Promise.all(this.watchers.map(w => w.start()));
    await this.resync();
  }

  /** Queues every vCluster the database knows. */
  async resync(): Promise<void> {
    for (const row of await this.clusters.listAll()) this.queue.add(row.name);
  }

  /** Resolves once nothing is queued or running. */
  drained(): Promise<void> {
    return this.queue.drained();
  }

  async stop(): Promise<void> {
    this.queue.stop();
    await Promise.all(this.watchers.map(w => w.stop()));
  }
}

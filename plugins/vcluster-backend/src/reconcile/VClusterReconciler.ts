import { LoggerService } from '@backstage/backend-plugin-api';
import { ObservedPhase, VClusterSpec } from '@hatchway/plugin-vcluster-node';
import { VClusterOptions } from '../config/readVClusterConfig';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { ClusterRow, toDate } from '../database/rows';
import { HostCluster, HostClusters } from '../provisioning/HostClusters';
import {
  IN_CLUSTER_SERVER_TEMPLATE,
  expandServerTemplate,
} from '../provisioning/kubeconfigServer';
import { Clock } from '../service/types';
import { ClusterNotifier } from './ClusterNotifier';

/** How soon to look again while the host cluster is still moving (ms). */
const FOLLOW_UP_MS = 1000;
/**
 * While the provisioner waits for something the host watches deliver, a look this often (ms)
 * only guards against a missed event; Ready itself follows from the watch.
 */
const WATCHED_FALLBACK_MS = 15_000;

/**
 * Moves one vCluster's host objects towards what its owner asked for (`desired`) and records
 * what it observes as the phase. Acts only while holding the row's lease, so two backend
 * replicas never apply, sleep or delete the same vCluster at once. Returns a delay when it
 * should look again without waiting for a watch event.
 */
export class VClusterReconciler {
  constructor(
    private readonly deps: {
      clusters: DatabaseClusterRepository;
      hostClusters: HostClusters;
      options: VClusterOptions;
      notifier: ClusterNotifier;
      logger: LoggerService;
      clock: Clock;
      /** This replica's lease holder id. */
      holder: string;
    },
  ) {}

  async reconcile(name: string): Promise<number | void> {
    const { clusters, clock, holder, options } = this.deps;
    const now = clock();
    const until = new Date(
      now.getTime() + options.reconcile.leaseSeconds * 1000,
    );
    if (!(await clusters.acquireLease(name, holder, now, until))) {
      return options.reconcile.leaseSeconds * 1000; // another replica acts on it
    }
    try {
      const row = await clusters.get(name);
      if (!row) return undefined;
      const host = this.deps.hostClusters.find(row);
      if (!host) {
        if (row.desired === 'deleted') await clusters.remove(name);
        else
          await this.fail(
            row,
            undefined,
            `Host cluster '${row.cluster}' is no longer configured`,
          );
        return undefined;
      }
      if (row.desired === 'deleted') return await this.deleting(row, host);
      if (row.phase === 'Failed') return undefined; // terminal until deleted
      if (row.desired === 'sleeping') return await this.sleeping(row, host);
      return await this.running(row, host);
    } finally {
      await clusters.releaseLease(name, holder);
    }
  }

  private async deleting(row: ClusterRow, host: HostCluster) {
    await host.provisioner.delete(row, host.kubeConfig);
    const observed = await host.provisioner.observe(row, host.kubeConfig);
    if (observed.phase !== 'Absent') return FOLLOW_UP_MS; // namespace terminating
    await this.deps.clusters.remove(row.name);
    this.deps.logger.info('vCluster deleted', { vcluster: row.name });
    return undefined;
  }

  private async sleeping(row: ClusterRow, host: HostCluster) {
    const observed = await host.provisioner.observe(row, host.kubeConfig);
    if (observed.phase === 'Sleeping') {
      if (row.phase !== 'Sleeping') {
        const now = this.deps.clock();
        await this.update(row, {
          phase: 'Sleeping',
          reason: null,
          sleeping_since: now,
          ...this.stopRunningClock(row, now),
        });
        await this.deps.notifier.sleeping(row);
      }
      return undefined;
    }
    if (observed.phase === 'Absent') {
      await this.fail(row, host, 'The host namespace disappeared');
      return undefined;
    }
    await host.provisioner.sleep(row, host.kubeConfig);
    return FOLLOW_UP_MS;
  }

  private async running(row: ClusterRow, host: HostCluster) {
    const { clock, options } = this.deps;
    let observed: ObservedPhase;
    try {
      if (!row.applied_at) {
        await host.provisioner.apply(this.specOf(row, host), host.kubeConfig);
        await this.update(row, { applied_at: clock() });
      }
      observed = await host.provisioner.observe(row, host.kubeConfig);
    } catch (error) {
      observed = {
        phase: 'Provisioning',
        message: `retrying: ${describe(error)}`,
      };
    }
    const now = clock();
    if (observed.phase === 'Ready') {
      if (row.phase !== 'Ready') {
        const firstTime = !row.ready_at;
        await this.update(row, {
          phase: 'Ready',
          reason: null,
          ready_at: row.ready_at ?? now,
          running_since: row.running_since ?? now,
          sleeping_since: null,
          last_activity_at: row.last_activity_at ?? now,
        });
        if (firstTime) await this.deps.notifier.ready(row);
      }
      return undefined;
    }
    if (observed.phase === 'Failed') {
      await this.fail(row, host, observed.reason);
      return undefined;
    }
    const waitedMs = now.getTime() - toDate(row.phase_since).getTime();
    const message =
      observed.phase === 'Provisioning' ? observed.message : undefined;
    if (waitedMs > options.reconcile.provisionTimeoutSeconds * 1000) {
      await this.fail(
        row,
        host,
        `Not Ready after ${options.reconcile.provisionTimeoutSeconds}s${
          message ? `: ${message}` : ''
        }`,
      );
      return undefined;
    }
    if (observed.phase === 'Sleeping') {
      await host.provisioner.wake(row, host.kubeConfig); // the owner asked to wake it
    } else if (observed.phase === 'Absent' && row.applied_at) {
      // Applied, yet nothing is there (a partial apply, or removed by hand): apply again.
      await this.update(row, { applied_at: null });
    }
    if (row.phase === 'Sleeping' && observed.phase !== 'Sleeping') {
      await this.update(row, {
        phase: 'Provisioning',
        reason: message ?? null,
      });
    } else if ((message ?? null) !== row.reason) {
      await this.update(row, { reason: message ?? null });
    }
    if (observed.phase === 'Provisioning' && observed.watched) {
      // Wake up by the provision timeout at the latest, so a stuck vCluster still fails.
      const untilTimeout =
        options.reconcile.provisionTimeoutSeconds * 1000 - waitedMs + 100;
      return Math.max(
        FOLLOW_UP_MS,
        Math.min(WATCHED_FALLBACK_MS, untilTimeout),
      );
    }
    return FOLLOW_UP_MS;
  }

  /**
   * Failed is final: the host objects are removed at once, so a failed vCluster holds no
   * resources and leaves no orphan namespace; the row keeps the reason until the owner deletes it.
   */
  private async fail(
    row: ClusterRow,
    host: HostCluster | undefined,
    reason: string,
  ) {
    const now = this.deps.clock();
    await this.update(row, {
      phase: 'Failed',
      reason,
      ...this.stopRunningClock(row, now),
    });
    this.deps.logger.warn('vCluster failed', { vcluster: row.name, reason });
    if (host) {
      await host.provisioner.delete(row, host.kubeConfig).catch(error =>
        this.deps.logger.warn(
          'Cleaning up a failed vCluster failed; it is retried on delete',
          {
            vcluster: row.name,
            error: describe(error),
          },
        ),
      );
    }
    await this.deps.notifier.failed(row, reason);
  }

  private stopRunningClock(row: ClusterRow, now: Date): Partial<ClusterRow> {
    if (!row.running_since) return {};
    const seconds = Math.round(
      (now.getTime() - toDate(row.running_since).getTime()) / 1000,
    );
    return {
      running_since: null,
      running_seconds: Number(row.running_seconds) + Math.max(0, seconds),
    };
  }

  private specOf(row: ClusterRow, host: HostCluster): VClusterSpec {
    return {
      name: row.name,
      cluster: row.cluster,
      owner: row.owner,
      size:
        this.deps.options.sizes.get(row.size) ??
        this.deps.options.sizes.get(this.deps.options.defaultSize)!,
      kubeconfigServer: expandServerTemplate(
        host.options.kubeconfigServer ?? IN_CLUSTER_SERVER_TEMPLATE,
        row,
      ),
    };
  }

  private async update(row: ClusterRow, patch: Partial<ClusterRow>) {
    Object.assign(row, patch);
    await this.deps.clusters.update(row.name, {
      ...patch,
      updated_at: this.deps.clock(),
    });
  }
}

function describe(error: unknown): string {
  const e = error as {
    code?: number;
    body?: { message?: string };
    message?: string;
  };
  const message = e?.body?.message ?? e?.message ?? String(error);
  return e?.code ? `HTTP ${e.code}: ${message}` : message;
}

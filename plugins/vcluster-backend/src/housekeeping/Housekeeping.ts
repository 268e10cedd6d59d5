import { LoggerService } from '@backstage/backend-plugin-api';
import { VClusterOptions } from '../config/readVClusterConfig';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { ClusterRow, toDate } from '../database/rows';
import { HostClusters } from '../provisioning/HostClusters';
import { readReachableKubeconfig } from '../provisioning/readReachableKubeconfig';
import { ClusterNotifier } from '../reconcile/ClusterNotifier';
import { AuditLog } from '../service/AuditLog';
import { Clock, EnqueueReconcile, SYSTEM_ACTOR } from '../service/types';
import { inspectInside } from './inspectInside';

const HOUR_MS = 3_600_000;
const WARNINGS = [
  { within: 'day', ms: 24 * HOUR_MS },
  { within: 'hour', ms: HOUR_MS },
] as const;

/**
 * The scheduled clean-up: deletes vClusters whose TTL passed, warns owners a day and an hour
 * before, measures what runs inside each Ready vCluster (usage) and puts idle ones to sleep.
 * Like owner commands, it only writes the database and wakes the reconciler.
 */
export class Housekeeping {
  constructor(
    private readonly deps: {
      clusters: DatabaseClusterRepository;
      hostClusters: HostClusters;
      options: VClusterOptions;
      audit: AuditLog;
      notifier: ClusterNotifier;
      enqueue: EnqueueReconcile;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  async run(): Promise<void> {
    for (const row of await this.deps.clusters.listAll()) {
      if (row.desired === 'deleted') continue;
      try {
        if (await this.expire(row)) continue;
        await this.warn(row);
        if (row.phase === 'Ready' && row.desired === 'running') {
          await this.measureAndSleepIfIdle(row);
        }
      } catch (error) {
        this.deps.logger.warn('vCluster housekeeping failed', {
          vcluster: row.name,
          error: String(error),
        });
      }
    }
  }

  private async expire(row: ClusterRow): Promise<boolean> {
    const now = this.deps.clock();
    if (toDate(row.expires_at) > now) return false;
    await this.systemAction(row, 'ttl-expired', {
      phase: 'Deleting',
      desired: 'deleted',
      updated_at: now,
    });
    return true;
  }

  private async warn(row: ClusterRow): Promise<void> {
    const now = this.deps.clock().getTime();
    const expires = toDate(row.expires_at).getTime();
    const lifetime = expires - toDate(row.created_at).getTime();
    const sent = new Set(row.ttl_warnings_sent.split(',').filter(Boolean));
    for (const { within, ms } of WARNINGS) {
      // A vCluster created with an 8-hour TTL gets no "a day left" warning at birth.
      if (sent.has(within) || lifetime <= ms || expires - now > ms) continue;
      sent.add(within);
      await this.deps.clusters.update(row.name, {
        ttl_warnings_sent: [...sent].join(','),
      });
      await this.deps.notifier.expiresSoon(row, within);
    }
  }

  private async measureAndSleepIfIdle(row: ClusterRow): Promise<void> {
    const { clusters, options } = this.deps;
    const host = this.deps.hostClusters.find(row);
    const yaml = host && (await readReachableKubeconfig(host, row));
    if (!yaml) return;
    const inside = await inspectInside(yaml);
    const now = this.deps.clock();
    const patch: Partial<ClusterRow> = {
      usage_cpu_millicores: inside.cpuRequestsMillicores,
      usage_memory_bytes: inside.memoryRequestsBytes,
    };
    if (inside.workloadPods > 0) patch.last_activity_at = now;
    await clusters.update(row.name, patch);

    const idleMs = options.idleSleepAfterMinutes * 60_000;
    const lastActive =
      patch.last_activity_at ?? row.last_activity_at ?? row.ready_at;
    if (
      idleMs > 0 &&
      lastActive &&
      now.getTime() - toDate(lastActive).getTime() >= idleMs
    ) {
      await this.systemAction(row, 'idle-sleep', {
        desired: 'sleeping',
        updated_at: now,
      });
    }
  }

  private async systemAction(
    row: ClusterRow,
    action: 'ttl-expired' | 'idle-sleep',
    patch: Partial<ClusterRow>,
  ) {
    await this.deps.audit.around(
      { actor: SYSTEM_ACTOR, action, cluster: row.name },
      () => this.deps.clusters.update(row.name, patch),
    );
    this.deps.enqueue(row.name);
  }
}

import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  CreateVClusterRequest,
  VCluster,
  validateVClusterName,
} from '@hatchway/plugin-vcluster-common';
import { Request } from 'express';
import { VClusterOptions } from '../config/readVClusterConfig';
import { DatabaseClusterRepository } from '../database/DatabaseClusterRepository';
import { ClusterRow, rowToVCluster } from '../database/rows';
import { HostClusters } from '../provisioning/HostClusters';
import { AuditLog } from './AuditLog';
import { Clock, EnqueueReconcile } from './types';

const HOUR_MS = 3_600_000;

/** Who asks, with the refs they may own things as (their user ref and groups). */
export interface Caller {
  actor: string;
  ownershipRefs: string[];
  request?: Request;
}

/**
 * Creates vClusters and records what owners ask of them (delete, sleep, wake, a new TTL). Every
 * command only writes the database and wakes the reconciler, so it answers at once; the
 * reconciler does the Kubernetes work.
 */
export class ClusterCommands {
  constructor(
    private readonly deps: {
      clusters: DatabaseClusterRepository;
      hostClusters: HostClusters;
      options: VClusterOptions;
      audit: AuditLog;
      enqueue: EnqueueReconcile;
      clock: Clock;
    },
  ) {}

  async create(
    input: CreateVClusterRequest,
    caller: Caller,
  ): Promise<VCluster> {
    const { options, clusters, clock } = this.deps;
    const nameError = validateVClusterName(input.name);
    if (nameError) throw new InputError(nameError);
    const size = options.sizes.get(input.size);
    if (!size) {
      throw new InputError(
        `Unknown size '${input.size}'; use one of: ${[
          ...options.sizes.keys(),
        ].join(', ')}`,
      );
    }
    const ttlHours = input.ttlHours ?? size.defaultTtlHours;
    checkTtl(ttlHours, size.maxTtlHours, size.name);
    const cluster = this.deps.hostClusters.get(
      input.cluster ?? options.hostClusters[0].name,
    ).options.name;
    const owner = input.owner ?? caller.actor;
    if (!caller.ownershipRefs.includes(owner)) {
      throw new NotAllowedError(
        `You may create vClusters only for yourself or your groups, not for ${owner}`,
      );
    }
    const quota =
      parseEntityRef(owner).kind.toLocaleLowerCase('en-US') === 'group'
        ? { limit: options.quotas.perGroup, name: 'perGroup' }
        : { limit: options.quotas.perUser, name: 'perUser' };

    const now = clock();
    const row: ClusterRow = {
      name: input.name,
      cluster,
      owner,
      size: size.name,
      phase: 'Provisioning',
      desired: 'running',
      reason: null,
      created_by: caller.actor,
      created_at: now,
      updated_at: now,
      phase_since: now,
      applied_at: null,
      ready_at: null,
      expires_at: new Date(now.getTime() + ttlHours * HOUR_MS),
      last_activity_at: null,
      sleeping_since: null,
      running_since: null,
      running_seconds: 0,
      usage_cpu_millicores: null,
      usage_memory_bytes: null,
      ttl_warnings_sent: '',
      lease_holder: null,
      lease_expires_at: null,
    };
    await this.audited(
      caller,
      'create',
      input.name,
      { size: size.name, owner, cluster, ttlHours },
      () => clusters.insertWithinQuota(row, quota),
    );
    this.deps.enqueue(row.name);
    return rowToVCluster(row, now);
  }

  /** Marks the vCluster `Deleting`; the reconciler removes the host namespace, then the row. */
  async delete(row: ClusterRow, caller: Caller): Promise<void> {
    await this.audited(caller, 'delete', row.name, {}, async () => {
      await this.patch(row, {
        phase: 'Deleting',
        desired: 'deleted',
        reason: null,
      });
    });
  }

  async sleep(row: ClusterRow, caller: Caller): Promise<void> {
    await this.audited(caller, 'sleep', row.name, {}, async () => {
      if (row.phase !== 'Ready' && row.phase !== 'Sleeping') {
        throw new ConflictError(
          `vCluster '${row.name}' is ${row.phase}; only a Ready vCluster can sleep`,
        );
      }
      await this.patch(row, { desired: 'sleeping' });
    });
  }

  async wake(row: ClusterRow, caller: Caller): Promise<void> {
    await this.audited(caller, 'wake', row.name, {}, async () => {
      if (row.desired === 'deleted' || row.phase === 'Failed') {
        throw new ConflictError(
          `vCluster '${row.name}' is ${row.phase}; it cannot wake`,
        );
      }
      // The provisioning timeout and the idle window start again from the wake.
      const now = this.deps.clock();
      await this.patch(row, {
        desired: 'running',
        phase_since: now,
        last_activity_at: now,
      });
    });
  }

  /** Sets the TTL to `ttlHours` from now, within the size's maximum. */
  async extendTtl(
    row: ClusterRow,
    ttlHours: number,
    caller: Caller,
  ): Promise<VCluster> {
    const size = this.deps.options.sizes.get(row.size);
    checkTtl(ttlHours, size?.maxTtlHours ?? ttlHours, row.size);
    const now = this.deps.clock();
    const patch = {
      expires_at: new Date(now.getTime() + ttlHours * HOUR_MS),
      ttl_warnings_sent: '',
    };
    await this.audited(
      caller,
      'extend-ttl',
      row.name,
      { ttlHours },
      async () => {
        if (row.desired === 'deleted') {
          throw new ConflictError(`vCluster '${row.name}' is being deleted`);
        }
        await this.deps.clusters.update(row.name, {
          ...patch,
          updated_at: now,
        });
      },
    );
    return rowToVCluster({ ...row, ...patch }, now);
  }

  private async patch(row: ClusterRow, patch: Partial<ClusterRow>) {
    await this.deps.clusters.update(row.name, {
      ...patch,
      updated_at: this.deps.clock(),
    });
    this.deps.enqueue(row.name);
  }

  private audited<T>(
    caller: Caller,
    action: 'create' | 'delete' | 'sleep' | 'wake' | 'extend-ttl',
    cluster: string,
    details: Record<string, string | number>,
    fn: () => Promise<T>,
  ): Promise<T> {
    return this.deps.audit.around(
      {
        actor: caller.actor,
        action,
        cluster,
        request: caller.request,
        details,
      },
      fn,
    );
  }
}

function checkTtl(ttlHours: number, maxTtlHours: number, size: string) {
  if (!(ttlHours > 0) || ttlHours > maxTtlHours) {
    throw new InputError(
      `ttlHours must be above 0 and at most ${maxTtlHours} for size '${size}', got ${ttlHours}`,
    );
  }
}

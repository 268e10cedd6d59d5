import {
  VCluster,
  VClusterPhase,
  vclusterEntityRef,
} from '@hatchway/plugin-vcluster-common';
import { vclusterNamespace } from '@hatchway/plugin-vcluster-node';

/** Postgres returns timestamps as Dates, SQLite as the epoch milliseconds they were bound as. */
export type DbTime = Date | number | string;

/** What the owner asked for; the reconciler moves the host cluster towards it. */
export type DesiredState = 'running' | 'sleeping' | 'deleted';

/** A row of `vcluster_clusters`. @internal */
export interface ClusterRow {
  name: string;
  cluster: string;
  owner: string;
  size: string;
  phase: VClusterPhase;
  desired: DesiredState;
  reason: string | null;
  created_by: string;
  created_at: DbTime;
  updated_at: DbTime;
  phase_since: DbTime;
  applied_at: DbTime | null;
  ready_at: DbTime | null;
  expires_at: DbTime;
  last_activity_at: DbTime | null;
  sleeping_since: DbTime | null;
  running_since: DbTime | null;
  running_seconds: number | string;
  usage_cpu_millicores: number | null;
  usage_memory_bytes: number | string | null;
  ttl_warnings_sent: string;
  lease_holder: string | null;
  lease_expires_at: DbTime | null;
}

export function toDate(value: DbTime): Date {
  return value instanceof Date ? value : new Date(value);
}

function optionalIso(value: DbTime | null): string | undefined {
  return value === null || value === undefined
    ? undefined
    : toDate(value).toISOString();
}

/** Hours awake in total: finished awake periods plus the current one. */
export function runningHours(row: ClusterRow, now: Date): number {
  const current = row.running_since
    ? Math.max(0, now.getTime() - toDate(row.running_since).getTime()) / 1000
    : 0;
  const hours = (Number(row.running_seconds) + current) / 3600;
  return Math.round(hours * 100) / 100;
}

/** The wire shape of a row. */
export function rowToVCluster(row: ClusterRow, now: Date): VCluster {
  const cluster: VCluster = {
    name: row.name,
    cluster: row.cluster,
    namespace: vclusterNamespace(row.name),
    owner: row.owner,
    size: row.size,
    phase: row.phase,
    createdAt: toDate(row.created_at).toISOString(),
    expiresAt: toDate(row.expires_at).toISOString(),
    entityRef: vclusterEntityRef(row.name),
  };
  const optional = {
    reason: row.reason ?? undefined,
    readyAt: optionalIso(row.ready_at),
    lastActivityAt: optionalIso(row.last_activity_at),
    sleepingSince: optionalIso(row.sleeping_since),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (cluster as any)[key] = value;
  }
  if (row.usage_cpu_millicores !== null || row.running_since || row.ready_at) {
    cluster.usage = {
      cpuRequestsMillicores: row.usage_cpu_millicores ?? 0,
      memoryRequestsBytes: Number(row.usage_memory_bytes ?? 0),
      runningHours: runningHours(row, now),
    };
  }
  return cluster;
}

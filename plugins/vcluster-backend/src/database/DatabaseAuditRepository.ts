import {
  VClusterAuditAction,
  VClusterAuditEvent,
} from '@hatchway/plugin-vcluster-common';
import { Knex } from 'knex';
import { DbTime, toDate } from './rows';

const TABLE = 'vcluster_audit';

interface AuditRow {
  id: number | string;
  actor: string;
  action: VClusterAuditAction;
  cluster: string;
  result: 'succeeded' | 'failed';
  created_at: DbTime;
  details: string | null;
}

/** What to record; `details` must never hold a secret. @internal */
export type AuditEntry = Omit<VClusterAuditEvent, 'id' | 'createdAt'> & {
  createdAt: Date;
};

/** The `vcluster_audit` table. @internal */
export class DatabaseAuditRepository {
  constructor(private readonly knex: Knex) {}

  async insert(entry: AuditEntry): Promise<void> {
    await this.knex(TABLE).insert({
      actor: entry.actor,
      action: entry.action,
      cluster: entry.cluster,
      result: entry.result,
      created_at: entry.createdAt,
      details: entry.details ? JSON.stringify(entry.details) : null,
    });
  }

  /** Newest first. */
  async list(query: {
    cluster?: string;
    limit: number;
  }): Promise<VClusterAuditEvent[]> {
    const q = this.knex<AuditRow>(TABLE)
      .orderBy('id', 'desc')
      .limit(query.limit);
    if (query.cluster) q.where('cluster', query.cluster);
    const rows = (await q.select('*')) as AuditRow[];
    return rows.map(row => ({
      id: Number(row.id),
      actor: row.actor,
      action: row.action,
      cluster: row.cluster,
      result: row.result,
      createdAt: toDate(row.created_at).toISOString(),
      ...(row.details ? { details: JSON.parse(row.details) } : {}),
    }));
  }
}

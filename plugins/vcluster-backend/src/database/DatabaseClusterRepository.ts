import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { QuotaExceededError } from '../service/errors';
import { ClusterRow } from './rows';

const TABLE = 'vcluster_clusters';

/** Filters of a list; `owners` narrows to the owners the caller may read (from permissions). */
export interface ClusterFilter {
  owner?: string;
  cluster?: string;
  phase?: string;
  /** Undefined: no restriction; empty: nothing. */
  owners?: string[];
}

/** Position after the last row of a page: newest first, then by name. */
export interface PageCursor {
  createdAt: number;
  name: string;
}

/** How many vClusters an owner may have, and the quota's name for the 429 message. */
export interface OwnerQuota {
  limit: number;
  name: string;
}

/** The `vcluster_clusters` table. @internal */
export class DatabaseClusterRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Inserts a vCluster unless its name is taken or its owner is at the quota. Counting and
   * inserting share one transaction; on Postgres an advisory lock per owner serializes the
   * creates of one owner (SQLite has one writer anyway), so parallel creates never overshoot.
   */
  async insertWithinQuota(row: ClusterRow, quota: OwnerQuota): Promise<void> {
    try {
      await this.knex.transaction(async tx => {
        if (this.knex.client.config.client === 'pg') {
          await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
            `vcluster-owner:${row.owner}`,
          ]);
        }
        if (await tx(TABLE).where({ name: row.name }).first('name')) {
          throw new ConflictError(`A vCluster named '${row.name}' exists`);
        }
        const [{ count }] = await tx(TABLE)
          .where({ owner: row.owner })
          .count({ count: '*' });
        if (Number(count) >= quota.limit) {
          throw new QuotaExceededError(
            `${row.owner} has ${count} vClusters; quota ${quota.name} allows ${quota.limit}`,
          );
        }
        await tx(TABLE).insert(row);
      });
    } catch (error) {
      // Two creates of one name by different owners race past the check; the key decides.
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A vCluster named '${row.name}' exists`);
      }
      throw error;
    }
  }

  async get(name: string): Promise<ClusterRow | undefined> {
    return this.knex<ClusterRow>(TABLE).where({ name }).first();
  }

  /** One page, newest first, and how many match in all. */
  async list(
    filter: ClusterFilter,
    page: { limit: number; after?: PageCursor },
  ): Promise<{ rows: ClusterRow[]; totalCount: number }> {
    const base = () => this.filtered(filter);
    const query = base()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'name', order: 'asc' },
      ])
      .limit(page.limit);
    const { after } = page;
    if (after) {
      const at = new Date(after.createdAt);
      query.where(q =>
        q
          .where('created_at', '<', at)
          .orWhere(q2 =>
            q2.where('created_at', '=', at).andWhere('name', '>', after.name),
          ),
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      query.select('*'),
      base().count({ count: '*' }),
    ]);
    return { rows: rows as ClusterRow[], totalCount: Number(count) };
  }

  /** Every row, for resyncs and housekeeping (a few thousand at most). */
  async listAll(): Promise<ClusterRow[]> {
    return this.knex<ClusterRow>(TABLE).select('*');
  }

  async update(name: string, patch: Partial<ClusterRow>): Promise<boolean> {
    return (await this.knex(TABLE).where({ name }).update(patch)) > 0;
  }

  async remove(name: string): Promise<void> {
    await this.knex(TABLE).where({ name }).delete();
  }

  /**
   * Takes the lease on one vCluster for `holder` when it is free, expired or already held by
   * it. Only the holder acts on the vCluster, so two replicas never apply or delete it at once.
   */
  async acquireLease(
    name: string,
    holder: string,
    now: Date,
    until: Date,
  ): Promise<boolean> {
    const updated = await this.knex(TABLE)
      .where({ name })
      .andWhere(q =>
        q
          .whereNull('lease_holder')
          .orWhere('lease_holder', holder)
          .orWhere('lease_expires_at', '<', now),
      )
      .update({ lease_holder: holder, lease_expires_at: until });
    return updated > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.knex(TABLE)
      .where({ name, lease_holder: holder })
      .update({ lease_holder: null, lease_expires_at: null });
  }

  /** Totals per owner for `GET /usage`. */
  async usageByOwner(): Promise<ClusterRow[]> {
    return this.knex<ClusterRow>(TABLE).select('*').orderBy('owner');
  }

  private filtered(filter: ClusterFilter) {
    const query = this.knex<ClusterRow>(TABLE);
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.cluster) query.where('cluster', filter.cluster);
    if (filter.phase) query.where('phase', filter.phase);
    if (filter.owners) query.whereIn('owner', filter.owners);
    return query;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

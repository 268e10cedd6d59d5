import { Knex } from 'knex';
import { insertRows } from './insertRows';
import {
  DbTime,
  FINDING_COLUMNS,
  FINDINGS,
  FindingRow,
  findingToRow,
  LIVE_STATUS,
  RESOURCE_ENTITIES,
  resourceKeysIn,
  toDate,
} from './rows';
import {
  LiveRepository,
  LiveRescore,
  LiveWatchState,
  StoredLiveStatus,
} from './types';

/** Rows per statement, as in scans: under SQLite's compound-select and parameter caps. */
const CHUNK = 400;

interface LiveStatusRow {
  cluster: string;
  holder: string | null;
  lease_expires_at: DbTime;
  state: LiveWatchState;
  message: string | null;
  since: DbTime;
  last_update_at: DbTime | null;
}

/** A stored finding's content: two rows with the same signature need no write. */
function signature(row: FindingRow): string {
  const expires = row.exemption_expires_at;
  return [
    row.resource_key,
    row.api_version,
    row.kind,
    row.namespace,
    row.name,
    row.container,
    row.check_id,
    row.severity,
    row.category,
    row.status,
    row.message,
    row.field_paths ?? '',
    row.labels ?? '',
    row.policy_report ?? '',
    row.exemption_id ?? '',
    row.exemption_source ?? '',
    expires === null ? '' : toDate(expires).getTime(),
    row.exemption ?? '',
  ].join('\u0000');
}

async function chunked<T>(
  items: readonly T[],
  write: (chunk: T[]) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += CHUNK) {
    await write(items.slice(i, i + CHUNK));
  }
}

/**
 * The stored findings of the partitions: a namespace's resources and its Namespace object, or
 * (`''`) the cluster-scoped resources. One indexed query per kind of partition.
 */
async function oldFindings(
  trx: Knex.Transaction,
  cluster: string,
  partitions: readonly string[] | 'all',
): Promise<FindingRow[]> {
  if (partitions === 'all') return trx(FINDINGS).where({ cluster });
  const namespaces = partitions.filter(p => p !== '');
  const rows: FindingRow[] = [];
  await chunked(namespaces, async chunk => {
    rows.push(
      ...(await trx(FINDINGS).where({ cluster }).whereIn('namespace', chunk)),
      ...(await trx(FINDINGS)
        .where({ cluster, namespace: '', kind: 'Namespace' })
        .whereIn('name', chunk)),
    );
  });
  if (partitions.includes('')) {
    rows.push(
      ...(await trx(FINDINGS)
        .where({ cluster, namespace: '' })
        .whereNot('kind', 'Namespace')),
    );
  }
  return rows;
}

/** The lease and watch state of live re-scoring, and its partial writes of findings. */
export class DatabaseLiveRepository implements LiveRepository {
  constructor(private readonly knex: Knex) {}

  async acquire(
    cluster: string,
    holder: string,
    now: Date,
    ttlMs: number,
  ): Promise<boolean> {
    const expires = new Date(now.getTime() + ttlMs);
    const renewed = await this.knex(LIVE_STATUS)
      .where({ cluster, holder })
      .update({ lease_expires_at: expires });
    if (renewed) return true;
    // Taking over from an instance that stopped renewing restarts the state: this one has yet
    // to list the cluster.
    const taken = await this.knex(LIVE_STATUS)
      .where({ cluster })
      .andWhere(q =>
        q.whereNull('holder').orWhere('lease_expires_at', '<', now),
      )
      .update({
        holder,
        lease_expires_at: expires,
        state: 'starting',
        message: null,
        since: now,
      });
    if (taken) return true;
    const inserted = await this.knex(LIVE_STATUS)
      .insert({
        cluster,
        holder,
        lease_expires_at: expires,
        state: 'starting',
        since: now,
      })
      .onConflict('cluster')
      .ignore();
    const row: LiveStatusRow | undefined = await this.knex(LIVE_STATUS)
      .where({ cluster })
      .first();
    return !!inserted && row?.holder === holder;
  }

  async release(cluster: string, holder: string, now: Date): Promise<void> {
    await this.knex(LIVE_STATUS)
      .where({ cluster, holder })
      .update({ holder: null, lease_expires_at: now });
  }

  async setState(
    cluster: string,
    holder: string,
    state: LiveWatchState,
    message: string | undefined,
    now: Date,
  ): Promise<void> {
    await this.knex(LIVE_STATUS)
      .where({ cluster, holder })
      .update({
        state,
        message: message ?? null,
        since: this.knex.raw('CASE WHEN state = ? THEN since ELSE ? END', [
          state,
          now,
        ]),
      });
  }

  async statuses(): Promise<StoredLiveStatus[]> {
    const rows: LiveStatusRow[] = await this.knex(LIVE_STATUS);
    return rows.map(row => ({
      cluster: row.cluster,
      ...(row.holder !== null && { holder: row.holder }),
      leaseExpiresAt: toDate(row.lease_expires_at),
      state: row.state,
      ...(row.message !== null && { message: row.message }),
      since: toDate(row.since),
      ...(row.last_update_at !== null && {
        lastUpdateAt: toDate(row.last_update_at),
      }),
    }));
  }

  async rescore(
    update: LiveRescore,
  ): Promise<{ written: boolean; inserted: number; deleted: number }> {
    const { cluster, partitions, updateId, at } = update;
    return this.knex.transaction(async trx => {
      // Holding the lease is checked in the transaction, and the row stays locked until commit
      // on Postgres: an instance that lost its lease mid-update writes nothing.
      const held = await trx(LIVE_STATUS)
        .where({ cluster, holder: update.holder })
        .andWhere('lease_expires_at', '>', at)
        .update({ last_update_at: at });
      if (!held) return { written: false, inserted: 0, deleted: 0 };

      const old = await oldFindings(trx, cluster, partitions);
      const unmatched = new Map<string, number[]>();
      for (const row of old) {
        const key = signature(row);
        const ids = unmatched.get(key) ?? [];
        ids.push(row.id!);
        unmatched.set(key, ids);
      }
      const inserts: FindingRow[] = [];
      const keyOf = resourceKeysIn(cluster);
      for (const record of update.findings) {
        const row = findingToRow(
          cluster,
          updateId,
          record,
          keyOf(record.finding.resource),
        );
        const ids = unmatched.get(signature(row));
        if (ids?.length) ids.pop();
        else inserts.push(row);
      }
      const deletes = [...unmatched.values()].flat();
      await chunked(deletes, ids => trx(FINDINGS).whereIn('id', ids).delete());
      await insertRows(trx, FINDINGS, FINDING_COLUMNS, inserts);
      const keys = new Set(old.map(row => row.resource_key));
      for (const row of inserts) keys.add(row.resource_key);
      for (const e of update.resourceEntities) keys.add(e.resourceKey);
      await this.replaceMapping(trx, update, keys);
      return {
        written: true,
        inserted: inserts.length,
        deleted: deletes.length,
      };
    });
  }

  /** Rewrites the mapping of each resource whose entities or owners changed. */
  private async replaceMapping(
    trx: Knex.Transaction,
    update: LiveRescore,
    keys: ReadonlySet<string>,
  ) {
    const { cluster, partitions } = update;
    const old: Array<{
      resource_key: string;
      entity_ref: string;
      owner: string | null;
    }> = [];
    const select = () =>
      trx(RESOURCE_ENTITIES)
        .where({ cluster })
        .select('resource_key', 'entity_ref', 'owner');
    if (partitions === 'all') {
      old.push(...(await select()));
    } else {
      // The resources the partitions had or have findings or entities for. (A mapping row a
      // scan wrote for a resource since deleted, without findings, stays until the next scan;
      // nothing reads it.)
      await chunked([...keys], chunk =>
        select()
          .whereIn('resource_key', chunk)
          .then(rows => old.push(...rows)),
      );
    }
    const sets = (
      rows: Iterable<{ key: string; ref: string; owner?: string | null }>,
    ) => {
      const byKey = new Map<string, string[]>();
      for (const { key, ref, owner } of rows) {
        const list = byKey.get(key) ?? [];
        list.push(`${ref}\u0000${owner ?? ''}`);
        byKey.set(key, list);
      }
      for (const list of byKey.values()) list.sort();
      return byKey;
    };
    const before = sets(
      old.map(r => ({
        key: r.resource_key,
        ref: r.entity_ref,
        owner: r.owner,
      })),
    );
    const after = sets(
      update.resourceEntities.map(e => ({
        key: e.resourceKey,
        ref: e.entityRef,
        owner: e.owner,
      })),
    );
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      key => before.get(key)?.join('\n') !== after.get(key)?.join('\n'),
    );
    if (!changed.length) return;
    await chunked(changed, chunk =>
      trx(RESOURCE_ENTITIES)
        .where({ cluster })
        .whereIn('resource_key', chunk)
        .delete(),
    );
    const changedKeys = new Set(changed);
    await chunked(
      update.resourceEntities.filter(e => changedKeys.has(e.resourceKey)),
      rows =>
        trx(RESOURCE_ENTITIES).insert(
          rows.map(e => ({
            cluster,
            resource_key: e.resourceKey,
            entity_ref: e.entityRef,
            owner: e.owner ?? null,
          })),
        ),
    );
  }
}

import { ReadinessScan } from '@hatchway/plugin-readiness-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { writePlatform } from './DatabasePlatformRepository';
import {
  DbTime,
  FINDING_COLUMNS,
  FINDINGS,
  findingToRow,
  LIVE_STATUS,
  parseJson,
  RESOURCE_ENTITIES,
  SCANS,
  SNAPSHOTS,
  resourceKeysIn,
  toIso,
} from './rows';
import { insertRows } from './insertRows';
import {
  ClusterScans,
  CompletedScan,
  FindingRecord,
  ScanRepository,
  SnapshotRecord,
} from './types';

/**
 * Snapshot rows per knex INSERT (an upsert, which insertRows does not do). knex writes multi-row
 * inserts for SQLite as a compound SELECT, which SQLite caps at 500 terms.
 */
const CHUNK = 400;

interface ScanRow {
  id: string;
  cluster: string;
  started_at: DbTime;
  finished_at: DbTime | null;
  status: ReadinessScan['status'];
  error: string | null;
  score: number | null;
  level: string | null;
  object_count: number | null;
  finding_count: number | null;
  warnings: string | null;
}

function toScan(row: ScanRow): ReadinessScan {
  return {
    id: row.id,
    cluster: row.cluster,
    status: row.status,
    startedAt: toIso(row.started_at),
    ...(row.finished_at !== null && { finishedAt: toIso(row.finished_at) }),
    ...(row.error !== null && { error: row.error }),
    ...(row.score !== null && { score: Number(row.score) }),
    ...(row.level !== null && { level: row.level }),
    ...(row.object_count !== null && { objectCount: Number(row.object_count) }),
    ...(row.finding_count !== null && {
      findingCount: Number(row.finding_count),
    }),
    warnings: parseJson<string[]>(row.warnings, []),
  };
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

function snapshotRow(
  cluster: string,
  day: string,
  at: Date,
  s: SnapshotRecord,
) {
  return {
    day,
    cluster,
    scope_type: s.scopeType,
    scope_ref: s.scopeRef,
    score: s.score.score,
    level: s.score.level,
    ...s.score.total,
    detail: JSON.stringify(s.score),
    recorded_at: at,
  };
}

/** The rows of a scan's findings, each made as it is written; one key per resource. */
function* findingRows(
  cluster: string,
  scanId: string,
  records: Iterable<FindingRecord>,
) {
  const keyOf = resourceKeysIn(cluster);
  for (const record of records) {
    yield findingToRow(cluster, scanId, record, keyOf(record.finding.resource));
  }
}

/** Scans, and the atomic replacement of a cluster's results when one succeeds. */
export class DatabaseScanRepository implements ScanRepository {
  constructor(private readonly knex: Knex) {}

  async start(cluster: string, startedAt: Date): Promise<ReadinessScan> {
    const id = randomUUID();
    await this.knex(SCANS).insert({
      id,
      cluster,
      started_at: startedAt,
      status: 'running',
    });
    return this.get(id);
  }

  async complete(scan: CompletedScan): Promise<ReadinessScan> {
    const { cluster, scanId, finishedAt } = scan;
    await this.knex.transaction(async trx => {
      // Taken first, as a live re-scoring takes it: the two replace findings one after the
      // other, never interleaved (on Postgres the row lock holds until commit).
      await trx(LIVE_STATUS).where({ cluster }).update({ cluster });
      await trx(FINDINGS).where({ cluster }).delete();
      const findingCount = await insertRows(
        trx,
        FINDINGS,
        FINDING_COLUMNS,
        findingRows(cluster, scanId, scan.findings),
      );
      await trx(RESOURCE_ENTITIES).where({ cluster }).delete();
      await insertRows(
        trx,
        RESOURCE_ENTITIES,
        ['cluster', 'resource_key', 'entity_ref', 'owner'],
        scan.resourceEntities.map(e => ({
          cluster,
          resource_key: e.resourceKey,
          entity_ref: e.entityRef,
          owner: e.owner ?? null,
        })),
      );
      const day = dayOf(finishedAt);
      const snapshots = scan.snapshots.map(s =>
        snapshotRow(cluster, day, finishedAt, s),
      );
      for (let i = 0; i < snapshots.length; i += CHUNK) {
        await trx(SNAPSHOTS)
          .insert(snapshots.slice(i, i + CHUNK))
          .onConflict(['day', 'cluster', 'scope_type', 'scope_ref'])
          .merge();
      }
      if (scan.platform) {
        await writePlatform(
          trx,
          { cluster, scanId, at: finishedAt },
          scan.platform,
        );
      }
      await trx(SCANS)
        .where({ id: scanId })
        .update({
          status: 'succeeded',
          finished_at: finishedAt,
          score: scan.score.score,
          level: scan.score.level,
          object_count: scan.objectCount,
          finding_count: findingCount,
          warnings: JSON.stringify(scan.warnings),
        });
    });
    return this.get(scanId);
  }

  async fail(
    scanId: string,
    finishedAt: Date,
    error: string,
  ): Promise<ReadinessScan> {
    await this.knex(SCANS)
      .where({ id: scanId })
      .update({ status: 'failed', finished_at: finishedAt, error });
    return this.get(scanId);
  }

  async latestByCluster(): Promise<Map<string, ClusterScans>> {
    const latest = async (status?: string) => {
      const newest = this.knex(SCANS)
        .select('cluster')
        .max({ started_at: 'started_at' })
        .groupBy('cluster');
      if (status) newest.where({ status });
      const rows: ScanRow[] = await this.knex(`${SCANS} as s`)
        .join(newest.as('n'), join =>
          join
            .on('s.cluster', 'n.cluster')
            .andOn('s.started_at', 'n.started_at'),
        )
        .modify(q => (status ? q.where('s.status', status) : q))
        .select('s.*');
      return rows;
    };
    const result = new Map<string, ClusterScans>();
    for (const row of await latest()) {
      result.set(row.cluster, { lastScan: toScan(row) });
    }
    for (const row of await latest('succeeded')) {
      const entry = result.get(row.cluster) ?? {};
      result.set(row.cluster, { ...entry, lastSuccessfulScan: toScan(row) });
    }
    return result;
  }

  async pruneBefore(before: Date): Promise<number> {
    // A scan still "running" that long ago belonged to a backend that stopped mid-scan.
    return this.knex(SCANS).where('started_at', '<', before).delete();
  }

  private async get(id: string): Promise<ReadinessScan> {
    const row: ScanRow = await this.knex(SCANS).where({ id }).first();
    return toScan(row);
  }
}

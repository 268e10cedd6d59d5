import {
  ComponentHealth,
  ComponentStatus,
} from '@hatchway/plugin-readiness-common';
import { Knex } from 'knex';
import {
  DbTime,
  parseJson,
  PLATFORM_COMPONENTS,
  PLATFORM_HISTORY,
  toDate,
  toIso,
} from './rows';
import {
  PlatformHistoryRow,
  PlatformRecord,
  PlatformRepository,
  StoredComponentStatus,
} from './types';

interface ComponentRow {
  cluster: string;
  component: string;
  scan_id: string;
  health: ComponentHealth;
  since: DbTime;
  entity_refs: string | null;
  detail: string;
}

interface HistoryRow {
  scan_id: string;
  at: DbTime;
  ready_percent: number;
  healthy: number;
  expected: number;
  components: string;
}

function toStored(row: ComponentRow): StoredComponentStatus {
  return {
    cluster: row.cluster,
    scanId: row.scan_id,
    since: toIso(row.since),
    status: JSON.parse(row.detail) as ComponentStatus,
    entityRefs: parseJson<string[]>(row.entity_refs, []),
  };
}

function toHistoryPoint(row: HistoryRow): PlatformHistoryRow {
  return {
    scanId: row.scan_id,
    at: toIso(row.at),
    readyPercent: Number(row.ready_percent),
    healthy: Number(row.healthy),
    expected: Number(row.expected),
    components: parseJson<Record<string, ComponentHealth>>(row.components, {}),
  };
}

/**
 * Replaces a cluster's platform board inside a scan's transaction and appends its history row.
 * A component keeps its `since` while its health stays the same.
 */
export async function writePlatform(
  trx: Knex.Transaction,
  scan: { cluster: string; scanId: string; at: Date },
  platform: PlatformRecord,
): Promise<void> {
  const { cluster, scanId, at } = scan;
  const previous: Array<Pick<ComponentRow, 'component' | 'health' | 'since'>> =
    await trx(PLATFORM_COMPONENTS)
      .where({ cluster })
      .select('component', 'health', 'since');
  const before = new Map(previous.map(row => [row.component, row]));
  await trx(PLATFORM_COMPONENTS).where({ cluster }).delete();
  if (!platform.components.length) return;

  // A handful of components per cluster: one insert, well under every parameter limit.
  await trx(PLATFORM_COMPONENTS).insert(
    platform.components.map(({ status, entityRefs }) => {
      const earlier = before.get(status.name);
      return {
        cluster,
        component: status.name,
        scan_id: scanId,
        health: status.health,
        since:
          earlier && earlier.health === status.health
            ? toDate(earlier.since)
            : at,
        entity_refs: entityRefs.length ? JSON.stringify(entityRefs) : null,
        detail: JSON.stringify(status),
      };
    }),
  );
  await trx(PLATFORM_HISTORY).insert({
    cluster,
    scan_id: scanId,
    at,
    ready_percent: platform.readyPercent,
    healthy: platform.components.filter(c => c.status.health === 'Healthy')
      .length,
    expected: platform.components.length,
    components: JSON.stringify(
      Object.fromEntries(
        platform.components.map(c => [c.status.name, c.status.health]),
      ),
    ),
  });
}

/** Reads the stored platform boards and their history. */
export class DatabasePlatformRepository implements PlatformRepository {
  constructor(private readonly knex: Knex) {}

  async components(cluster: string): Promise<StoredComponentStatus[]> {
    const rows: ComponentRow[] = await this.knex(PLATFORM_COMPONENTS)
      .where({ cluster })
      .orderBy('component');
    return rows.map(toStored);
  }

  async componentsOfEntity(
    entityRef: string,
  ): Promise<StoredComponentStatus[]> {
    const wanted = entityRef.toLocaleLowerCase('en-US');
    // Few rows in all (components × clusters); the JSON list is matched here.
    const rows: ComponentRow[] = await this.knex(PLATFORM_COMPONENTS)
      .whereNotNull('entity_refs')
      .orderBy(['cluster', 'component']);
    return rows
      .map(toStored)
      .filter(stored =>
        stored.entityRefs.some(
          ref => ref.toLocaleLowerCase('en-US') === wanted,
        ),
      );
  }

  async history(cluster: string, since: Date): Promise<PlatformHistoryRow[]> {
    const rows: HistoryRow[] = await this.knex(PLATFORM_HISTORY)
      .where({ cluster })
      .andWhere('at', '>=', since)
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toHistoryPoint);
  }

  async latest(cluster: string): Promise<PlatformHistoryRow | undefined> {
    const row: HistoryRow | undefined = await this.knex(PLATFORM_HISTORY)
      .where({ cluster })
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row && toHistoryPoint(row);
  }

  async pruneBefore(before: Date): Promise<number> {
    return this.knex(PLATFORM_HISTORY).where('at', '<', before).delete();
  }
}

import { ReadinessFinding } from '@hatchway/plugin-readiness-common';
import { Knex } from 'knex';
import { applyFindingFilter, effectiveStatus, F } from './findingQuery';
import { FindingRow, RESOURCE_ENTITIES, rowToFinding } from './rows';
import {
  FindingCount,
  FindingFilter,
  FindingPage,
  FindingRepository,
} from './types';

/** Danger first, then by where the resource is, so pages are stable. */
const ORDER = [
  'f.severity',
  'f.cluster',
  'f.namespace',
  'f.kind',
  'f.name',
  'f.check_id',
  'f.container',
  'f.id',
];

/** Reads the latest findings; scans write them through the scan repository. */
export class DatabaseFindingRepository implements FindingRepository {
  constructor(private readonly knex: Knex) {}

  async count(filter: FindingFilter, now: Date): Promise<FindingCount[]> {
    // Group in an outer query: Postgres does not treat two copies of a CASE with bindings as
    // the same expression, so the effective status gets a name first.
    const inner = applyFindingFilter(
      this.knex(F).select(
        'f.cluster',
        'f.severity',
        'f.category',
        effectiveStatus(this.knex, now).wrap('(', ') as status'),
      ),
      filter,
      now,
    );
    const rows = await this.knex
      .from(inner.as('t'))
      .select('cluster', 'severity', 'category', 'status')
      .count({ count: '*' })
      .groupBy('cluster', 'severity', 'category', 'status');
    return rows.map(row => ({
      cluster: String(row.cluster),
      severity: row.severity,
      category: row.category,
      status: row.status,
      count: Number(row.count),
    }));
  }

  async list(
    filter: FindingFilter,
    now: Date,
    page?: FindingPage,
  ): Promise<{ items: ReadinessFinding[]; totalCount: number }> {
    const query = applyFindingFilter(this.knex(F), filter, now);
    const [{ total }] = await query.clone().count({ total: '*' });
    const rowsQuery = query.clone().select('f.*').orderBy(ORDER);
    if (page) rowsQuery.limit(page.limit).offset(page.offset);
    const rows: FindingRow[] = await rowsQuery;
    const mapping = await this.entitiesOf(rows);
    const items = rows.map(row => {
      const entities = mapping.get(`${row.cluster}\n${row.resource_key}`);
      return {
        ...rowToFinding(row, now),
        entityRefs: [...(entities?.refs ?? [])].sort(),
        owners: [...(entities?.owners ?? [])].sort(),
        scanId: row.scan_id,
      };
    });
    return { items, totalCount: Number(total) };
  }

  /** The entities and owners of the rows' resources, by cluster and resource key. */
  private async entitiesOf(rows: FindingRow[]) {
    const result = new Map<
      string,
      { refs: Set<string>; owners: Set<string> }
    >();
    const keys = [...new Set(rows.map(row => row.resource_key))];
    for (let i = 0; i < keys.length; i += 500) {
      const mapped = await this.knex(RESOURCE_ENTITIES).whereIn(
        'resource_key',
        keys.slice(i, i + 500),
      );
      for (const m of mapped) {
        const key = `${m.cluster}\n${m.resource_key}`;
        let entry = result.get(key);
        if (!entry) {
          entry = { refs: new Set(), owners: new Set() };
          result.set(key, entry);
        }
        entry.refs.add(m.entity_ref);
        if (m.owner) entry.owners.add(m.owner);
      }
    }
    return result;
  }
}

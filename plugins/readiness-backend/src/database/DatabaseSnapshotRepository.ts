import { Score } from '@hatchway/plugin-readiness-common';
import { Knex } from 'knex';
import { SNAPSHOTS } from './rows';
import { SnapshotPoint, SnapshotRepository, SnapshotScopeType } from './types';

/** Daily scores per scope; scans write them through the scan repository. */
export class DatabaseSnapshotRepository implements SnapshotRepository {
  constructor(private readonly knex: Knex) {}

  async trend(
    scope: { type: SnapshotScopeType; ref?: string; cluster?: string },
    sinceDay: string,
  ): Promise<SnapshotPoint[]> {
    const query = this.knex(SNAPSHOTS)
      .where({ scope_type: scope.type })
      .andWhere('day', '>=', sinceDay)
      .orderBy(['day', 'cluster'])
      .select('day', 'cluster', 'detail');
    if (scope.ref !== undefined) query.andWhere('scope_ref', scope.ref);
    if (scope.cluster !== undefined) query.andWhere('cluster', scope.cluster);
    const rows: Array<{ day: string; cluster: string; detail: string }> =
      await query;
    return rows.map(row => ({
      day: row.day,
      cluster: row.cluster,
      score: JSON.parse(row.detail) as Score,
    }));
  }

  async pruneBefore(day: string): Promise<number> {
    return this.knex(SNAPSHOTS).where('day', '<', day).delete();
  }
}

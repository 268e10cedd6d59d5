import {
  CATEGORIES,
  Category,
  Finding,
  FindingCounts,
  LevelDefinition,
  ReadinessFailingCheck,
  ReadinessTrendPoint,
  Score,
  SEVERITIES,
} from '@hatchway/plugin-readiness-common';
import { aggregateScores } from '@hatchway/plugin-readiness-node';
import { FindingCount, SnapshotPoint } from '../database/types';
import { CheckCatalog } from './CheckCatalog';
import { pushTo } from '../util/pushTo';

const counts = (): FindingCounts => ({
  passed: 0,
  failed: 0,
  exempted: 0,
  skipped: 0,
});

function fill<K extends string, V>(keys: readonly K[], make: () => V) {
  return Object.fromEntries(keys.map(k => [k, make()])) as Record<K, V>;
}

/**
 * The score of findings counted by the database, exactly as if they had been scored one by one
 * (the engine's aggregation scores from counts, so nothing is averaged).
 */
export function scoreFromCounts(
  rows: readonly FindingCount[],
  levels: readonly LevelDefinition[],
): Score {
  const score: Score = {
    score: 100,
    level: 'none',
    total: counts(),
    bySeverity: fill(SEVERITIES, counts),
    byCategory: fill(CATEGORIES, counts),
    failed: fill(SEVERITIES, () => fill(CATEGORIES, () => 0)),
  };
  for (const row of rows) {
    score.total[row.status] += row.count;
    score.bySeverity[row.severity][row.status] += row.count;
    score.byCategory[row.category][row.status] += row.count;
    if (row.status === 'failed') {
      score.failed[row.severity][row.category] += row.count;
    }
  }
  return aggregateScores([score], levels);
}

/** Each category scored on its own findings, for the per-category bars. */
export function categoryScores(
  rows: readonly FindingCount[],
  levels: readonly LevelDefinition[],
): Record<Category, number> {
  return Object.fromEntries(
    CATEGORIES.map(category => [
      category,
      scoreFromCounts(
        rows.filter(r => r.category === category),
        levels,
      ).score,
    ]),
  ) as Record<Category, number>;
}

/** One point per day; an entity spread over several clusters is scored over all of them. */
export function trendPoints(
  points: readonly SnapshotPoint[],
  levels: readonly LevelDefinition[],
): ReadinessTrendPoint[] {
  const byDay = new Map<string, Score[]>();
  for (const point of points) {
    pushTo(byDay, point.day, point.score);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, scores]) => {
      const score = aggregateScores(scores, levels);
      return {
        day,
        score: score.score,
        level: score.level,
        total: score.total,
      };
    });
}

/** The checks failing most, danger before warning. */
export function topFailingChecks(
  findings: readonly Finding[],
  catalog: CheckCatalog,
  limit: number,
): ReadinessFailingCheck[] {
  const failing = new Map<string, ReadinessFailingCheck>();
  for (const f of findings) {
    if (f.status !== 'failed') continue;
    const key = `${f.checkId}|${f.severity}`;
    const entry = failing.get(key);
    if (entry) {
      entry.failed += 1;
      continue;
    }
    const check = catalog.get(f.checkId);
    failing.set(key, {
      checkId: f.checkId,
      title: check?.title ?? f.checkId,
      severity: f.severity,
      category: f.category,
      failed: 1,
      ...(check && { remediation: check.remediation, docsUrl: check.docsUrl }),
    });
  }
  return [...failing.values()]
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        b.failed - a.failed ||
        a.checkId.localeCompare(b.checkId),
    )
    .slice(0, limit);
}

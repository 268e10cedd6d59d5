import {
  CATEGORIES,
  Category,
  DEFAULT_LEVELS,
  Finding,
  FindingCounts,
  LevelDefinition,
  NO_LEVEL,
  Score,
  SEVERITIES,
  Severity,
} from '@hatchway/plugin-readiness-common';

/**
 * Polaris's formula: `floor(100·2S / (2S + W + 2D))`, 100 when nothing applies.
 * @public
 */
export function polarisScore(
  passed: number,
  failedWarnings: number,
  failedDangers: number,
): number {
  const denominator = 2 * passed + failedWarnings + 2 * failedDangers;
  return denominator === 0 ? 100 : Math.floor((200 * passed) / denominator);
}

const emptyCounts = (): FindingCounts => ({
  passed: 0,
  failed: 0,
  exempted: 0,
  skipped: 0,
});

/** A zeroed count per category (a literal: this runs once per scored resource). */
const emptyByCategory = (): Record<Category, FindingCounts> => ({
  security: emptyCounts(),
  reliability: emptyCounts(),
  efficiency: emptyCounts(),
  networking: emptyCounts(),
  secrets: emptyCounts(),
  rbac: emptyCounts(),
});

const emptyFailed = (): Record<Category, number> => ({
  security: 0,
  reliability: 0,
  efficiency: 0,
  networking: 0,
  secrets: 0,
  rbac: 0,
});

/** A score with no findings: 100 and every count zero. */
export function emptyScore(): Score {
  return {
    score: 100,
    level: NO_LEVEL,
    total: emptyCounts(),
    bySeverity: { danger: emptyCounts(), warning: emptyCounts() },
    byCategory: emptyByCategory(),
    failed: { danger: emptyFailed(), warning: emptyFailed() },
  };
}

/**
 * The best level whose requirements the counts meet, or `none`.
 * @public
 */
export function levelFor(
  score: Pick<Score, 'score' | 'failed'>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): string {
  // Plain loops: this runs for each of tens of thousands of resource scores.
  for (const candidate of levels) {
    if (
      candidate.minScore !== undefined &&
      !(score.score >= candidate.minScore)
    )
      continue;
    let met = true;
    for (const r of candidate.requirements) {
      if (!(failedWhere(score, r.severity, r.category) <= r.max)) {
        met = false;
        break;
      }
    }
    if (met) return candidate.id ?? NO_LEVEL;
  }
  return NO_LEVEL;
}

/** Failed findings of a severity and category, each unset meaning all. */
function failedWhere(
  score: Pick<Score, 'failed'>,
  severity: Severity | undefined,
  category: Category | undefined,
): number {
  let sum = 0;
  for (const s of SEVERITIES) {
    if (severity !== undefined && s !== severity) continue;
    const failed = score.failed[s];
    for (const c of CATEGORIES) {
      if (category !== undefined && c !== category) continue;
      sum += failed?.[c] ?? 0;
    }
  }
  return sum;
}

/** Counts one finding into a score under construction; {@link finish} scores it. */
export function tally(
  score: Score,
  finding: Pick<Finding, 'status' | 'severity' | 'category'>,
): void {
  score.total[finding.status] += 1;
  score.bySeverity[finding.severity][finding.status] += 1;
  score.byCategory[finding.category][finding.status] += 1;
  if (finding.status === 'failed')
    score.failed[finding.severity][finding.category] += 1;
}

/** Sets the score and level from the counts. */
export function finish(
  score: Score,
  levels: readonly LevelDefinition[],
): Score {
  score.score = polarisScore(
    score.total.passed,
    score.bySeverity.warning.failed,
    score.bySeverity.danger.failed,
  );
  score.level = levelFor(score, levels);
  return score;
}

function addCounts(into: FindingCounts, from: FindingCounts | undefined) {
  into.passed += from?.passed ?? 0;
  into.failed += from?.failed ?? 0;
  into.exempted += from?.exempted ?? 0;
  into.skipped += from?.skipped ?? 0;
}

/**
 * Combines the scores of disjoint finding sets (e.g. each resource of a catalog entity) into the
 * score their findings would have together. Scores are not averaged: a resource with 40 passing
 * checks weighs more than one with 4, exactly as if all findings were scored at once.
 * @public
 */
export function aggregateScores(
  scores: Iterable<Score>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): Score {
  const total = emptyScore();
  for (const score of scores) {
    addCounts(total.total, score.total);
    for (const severity of SEVERITIES) {
      addCounts(total.bySeverity[severity], score.bySeverity?.[severity]);
      for (const category of CATEGORIES) {
        total.failed[severity][category] +=
          score.failed?.[severity]?.[category] ?? 0;
      }
    }
    for (const category of CATEGORIES) {
      addCounts(total.byCategory[category], score.byCategory?.[category]);
    }
  }
  return finish(total, levels);
}

import {
  CATEGORIES,
  Finding,
  FindingCounts,
  FindingStatus,
  Score,
  SEVERITIES,
} from '@hatchway/plugin-readiness-common';
import { emptyScore, tally } from './score';

const STATUSES: readonly FindingStatus[] = [
  'passed',
  'failed',
  'exempted',
  'skipped',
];
const indexOf = (names: readonly string[]) =>
  new Map(names.map((name, index) => [name, index]));
const STATUS = indexOf(STATUSES);
const SEVERITY = indexOf(SEVERITIES);
const CATEGORY = indexOf(CATEGORIES);

// Each group's counters, side by side: total by status, by severity and status, by category and
// status, failed by severity and category.
const BY_SEVERITY = STATUSES.length;
const BY_CATEGORY = BY_SEVERITY + SEVERITIES.length * STATUSES.length;
const FAILED = BY_CATEGORY + CATEGORIES.length * STATUSES.length;
const WIDTH = FAILED + SEVERITIES.length * CATEGORIES.length;

/**
 * The counts of a score for many groups at once, in one typed array: counting a finding writes a
 * few adjacent numbers instead of four objects of the group's score, and no score exists until
 * the counting is done (a cluster has tens of thousands of groups and a million findings).
 */
export class GroupCounts {
  private counts = new Int32Array(WIDTH * 1024);
  private size = 0;
  // Findings with a status, severity or category outside the known ones, counted as tally does.
  private readonly unusual = new Map<number, Finding[]>();

  /** A new group; its index. */
  add(): number {
    if ((this.size + 1) * WIDTH > this.counts.length) {
      const grown = new Int32Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    return this.size++;
  }

  count(group: number, finding: Finding): void {
    const status = STATUS.get(finding.status);
    const severity = SEVERITY.get(finding.severity);
    const category = CATEGORY.get(finding.category);
    if (
      status === undefined ||
      severity === undefined ||
      category === undefined
    ) {
      const list = this.unusual.get(group) ?? [];
      list.push(finding);
      this.unusual.set(group, list);
      return;
    }
    const counts = this.counts;
    const base = group * WIDTH;
    counts[base + status] += 1;
    counts[base + BY_SEVERITY + severity * STATUSES.length + status] += 1;
    counts[base + BY_CATEGORY + category * STATUSES.length + status] += 1;
    if (status === 1)
      counts[base + FAILED + severity * CATEGORIES.length + category] += 1;
  }

  /** The group's counts as an unfinished score (see finish). */
  score(group: number): Score {
    const score = emptyScore();
    const counts = this.counts;
    const base = group * WIDTH;
    const fill = (into: FindingCounts, offset: number) => {
      STATUSES.forEach((status, index) => {
        into[status] = counts[offset + index];
      });
    };
    fill(score.total, base);
    SEVERITIES.forEach((severity, s) => {
      fill(
        score.bySeverity[severity],
        base + BY_SEVERITY + s * STATUSES.length,
      );
      CATEGORIES.forEach((category, c) => {
        score.failed[severity][category] =
          counts[base + FAILED + s * CATEGORIES.length + c];
      });
    });
    CATEGORIES.forEach((category, c) => {
      fill(
        score.byCategory[category],
        base + BY_CATEGORY + c * STATUSES.length,
      );
    });
    for (const finding of this.unusual.get(group) ?? []) tally(score, finding);
    return score;
  }
}

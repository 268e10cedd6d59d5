import {
  Category,
  Finding,
  FindingCounts,
  NO_LEVEL,
  Score,
} from '@hatchway/plugin-readiness-common';
import { finish, tally } from './score';
import { LevelDefinition } from '@hatchway/plugin-readiness-common';

// Each group counts its findings by severity, category and status: one cell per combination.
// Every other count of a score (total, by severity, by category, failed) is a sum of cells, made
// once per group when its score is built, not once per finding.
const STATUSES = 4;
const PER_SEVERITY = 6 * STATUSES;
const WIDTH = 2 * PER_SEVERITY;
// Groups are stored in chunks, so memory is only touched as groups come. Only the first chunk is
// ever copied: it starts with room for one group and grows to a full chunk (a score of one entity
// is one group, and a scan scores thousands of entities), later chunks are made full.
const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;

// Switches, not Maps: a finding's status, severity and category are compared with a few
// constant strings instead of hashed.
function statusIndex(status: string): number {
  switch (status) {
    case 'passed':
      return 0;
    case 'failed':
      return 1;
    case 'exempted':
      return 2;
    case 'skipped':
      return 3;
    default:
      return -1;
  }
}

function severityIndex(severity: string): number {
  switch (severity) {
    case 'danger':
      return 0;
    case 'warning':
      return 1;
    default:
      return -1;
  }
}

function categoryIndex(category: string): number {
  switch (category) {
    case 'security':
      return 0;
    case 'reliability':
      return 1;
    case 'efficiency':
      return 2;
    case 'networking':
      return 3;
    case 'secrets':
      return 4;
    case 'rbac':
      return 5;
    default:
      return -1;
  }
}

/** The cell a finding counts in, or -1 for a status, severity or category outside the known. */
export function cellOf(finding: Finding): number {
  const status = statusIndex(finding.status);
  const severity = severityIndex(finding.severity);
  const category = categoryIndex(finding.category);
  if (status < 0 || severity < 0 || category < 0) return -1;
  return severity * PER_SEVERITY + category * STATUSES + status;
}

const counts = (
  passed: number,
  failed: number,
  exempted: number,
  skipped: number,
): FindingCounts => ({ passed, failed, exempted, skipped });

/** The counts of one category (c) summed over both severities. */
function categoryCounts(cells: Cells, base: number, c: number) {
  const d = base + c * STATUSES;
  const w = d + PER_SEVERITY;
  return counts(
    cells[d] + cells[w],
    cells[d + 1] + cells[w + 1],
    cells[d + 2] + cells[w + 2],
    cells[d + 3] + cells[w + 3],
  );
}

/** The counts of one severity (s) summed over every category. */
function severityCounts(cells: Cells, base: number, s: number) {
  let passed = 0;
  let failed = 0;
  let exempted = 0;
  let skipped = 0;
  for (let i = base + s * PER_SEVERITY, end = i + PER_SEVERITY; i < end; ) {
    passed += cells[i++];
    failed += cells[i++];
    exempted += cells[i++];
    skipped += cells[i++];
  }
  return counts(passed, failed, exempted, skipped);
}

function failedByCategory(
  cells: Cells,
  base: number,
  s: number,
): Record<Category, number> {
  const f = base + s * PER_SEVERITY + 1;
  return {
    security: cells[f],
    reliability: cells[f + STATUSES],
    efficiency: cells[f + 2 * STATUSES],
    networking: cells[f + 3 * STATUSES],
    secrets: cells[f + 4 * STATUSES],
    rbac: cells[f + 5 * STATUSES],
  };
}

/**
 * The counts of a score for many groups at once, in typed arrays: counting a finding adds one to
 * one number instead of writing four objects of the group's score, and no score exists until the
 * counting is done (a cluster has tens of thousands of groups and a million findings).
 */
/** What tally reads of a finding. */
type TalliedFields = Pick<Finding, 'status' | 'severity' | 'category'>;

/** Counts of many groups: 32-bit, or 8- or 16-bit for groups that are small (one resource each). */
type Cells = Int32Array | Uint16Array | Uint8Array;

/** How wide each count is: 8 and 16 bits for groups known to be small, else 32. */
export type CountBits = 8 | 16 | 32;

export class GroupCounts {
  private readonly chunks: Cells[] = [];
  /** How many groups there are. */
  size = 0;
  /** Whether a narrow count would have overflowed: the counts are then wrong, count again wider. */
  overflowed = false;
  /** The largest count a cell holds. */
  private readonly max: number;

  /**
   * `bits`: 8- or 16-bit counts (a quarter or half the memory) for groups of at most 255 or 65,535
   * findings a cell; 32 for any.
   */
  constructor(private readonly bits: CountBits = 32) {
    this.max = bits === 32 ? Infinity : 2 ** bits - 1;
  }
  // Findings with a status, severity or category outside the known ones, counted as tally does.
  private readonly unusual = new Map<number, TalliedFields[]>();

  /** How many groups the first chunk has room for. */
  private firstCapacity = 0;

  /** A new group; its index. */
  add(): number {
    const group = this.size;
    if (group < CHUNK) {
      if (group === this.firstCapacity) this.growFirstChunk();
    } else if ((group & (CHUNK - 1)) === 0) {
      this.chunks.push(this.cells(CHUNK));
    }
    return this.size++;
  }

  /** Room for four times as many groups in the first chunk, up to a full chunk. */
  private growFirstChunk() {
    const capacity = Math.min(CHUNK, Math.max(1, this.firstCapacity * 4));
    const chunk = this.cells(capacity);
    if (this.chunks.length) chunk.set(this.chunks[0]);
    this.chunks[0] = chunk;
    this.firstCapacity = capacity;
  }

  private cells(groups: number): Cells {
    if (this.bits === 8) return new Uint8Array(groups * WIDTH);
    if (this.bits === 16) return new Uint16Array(groups * WIDTH);
    return new Int32Array(groups * WIDTH);
  }

  /** Counts a finding in a group; keeps nothing of it (a reader may reuse one object for all). */
  count(group: number, finding: Readonly<Finding>): void {
    const cell = cellOf(finding);
    if (cell < 0) {
      const list = this.unusual.get(group) ?? [];
      const { status, severity, category } = finding;
      list.push({ status, severity, category });
      this.unusual.set(group, list);
      return;
    }
    const cells = this.chunks[group >> CHUNK_BITS];
    const index = (group & (CHUNK - 1)) * WIDTH + cell;
    if (cells[index] === this.max) this.overflowed = true;
    else cells[index] += 1;
  }

  /** The group's counts as an unfinished score (see finish). */
  score(group: number): Score {
    const cells = this.chunks[group >> CHUNK_BITS];
    const base = (group & (CHUNK - 1)) * WIDTH;
    const danger = severityCounts(cells, base, 0);
    const warning = severityCounts(cells, base, 1);
    // Built whole, keys in the order emptyScore gives them.
    const score: Score = {
      score: 100,
      level: NO_LEVEL,
      total: counts(
        danger.passed + warning.passed,
        danger.failed + warning.failed,
        danger.exempted + warning.exempted,
        danger.skipped + warning.skipped,
      ),
      bySeverity: { danger, warning },
      byCategory: {
        security: categoryCounts(cells, base, 0),
        reliability: categoryCounts(cells, base, 1),
        efficiency: categoryCounts(cells, base, 2),
        networking: categoryCounts(cells, base, 3),
        secrets: categoryCounts(cells, base, 4),
        rbac: categoryCounts(cells, base, 5),
      },
      failed: {
        danger: failedByCategory(cells, base, 0),
        warning: failedByCategory(cells, base, 1),
      },
    };
    const unusual = this.unusual.get(group);
    if (unusual) for (const finding of unusual) tally(score, finding);
    return score;
  }

  /**
   * Every group's finished score, in group order. Groups with equal counts share one frozen
   * Score: most resources of a cluster have the same few counts (every hardened Deployment, every
   * healthy pod), and a score is a value, fully determined by its counts and the levels.
   */
  sharedScores(levels: readonly LevelDefinition[]): Score[] {
    const scores: Score[] = [];
    // Groups whose score was built, by the hash of their cells.
    const built = new Map<number, number[]>();
    for (let group = 0; group < this.size; group++) {
      if (this.unusual.has(group)) {
        scores.push(finish(this.score(group), levels));
        continue;
      }
      const hash = this.hash(group);
      const candidates = built.get(hash);
      let same = -1;
      if (candidates) {
        for (const candidate of candidates) {
          if (this.equal(candidate, group)) {
            same = candidate;
            break;
          }
        }
      }
      if (same >= 0) {
        scores.push(scores[same]);
        continue;
      }
      scores.push(frozen(finish(this.score(group), levels)));
      if (candidates) candidates.push(group);
      else built.set(hash, [group]);
    }
    return scores;
  }

  private hash(group: number): number {
    const cells = this.chunks[group >> CHUNK_BITS];
    const base = (group & (CHUNK - 1)) * WIDTH;
    let hash = 0x811c9dc5;
    for (let i = base; i < base + WIDTH; i++)
      hash = Math.imul(hash ^ cells[i], 0x01000193);
    return hash;
  }

  private equal(a: number, b: number): boolean {
    const cellsA = this.chunks[a >> CHUNK_BITS];
    const cellsB = this.chunks[b >> CHUNK_BITS];
    const baseA = (a & (CHUNK - 1)) * WIDTH;
    const baseB = (b & (CHUNK - 1)) * WIDTH;
    for (let i = 0; i < WIDTH; i++)
      if (cellsA[baseA + i] !== cellsB[baseB + i]) return false;
    return true;
  }
}

/** Freezes a score and everything in it, so that no holder of a shared score can change it. */
function frozen(score: Score): Score {
  Object.freeze(score.total);
  for (const entry of Object.values(score.bySeverity)) Object.freeze(entry);
  for (const entry of Object.values(score.byCategory)) Object.freeze(entry);
  for (const failed of Object.values(score.failed)) Object.freeze(failed);
  Object.freeze(score.bySeverity);
  Object.freeze(score.byCategory);
  Object.freeze(score.failed);
  return Object.freeze(score);
}

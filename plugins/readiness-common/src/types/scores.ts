import { Category, Severity } from './checks';

/**
 * How many findings ended in each status.
 * @public
 */
export interface FindingCounts {
  passed: number;
  failed: number;
  exempted: number;
  skipped: number;
}

/**
 * A score with the counts it was computed from. Scores of disjoint finding sets can be added
 * up exactly from these counts, which is how a backend aggregates resources into an entity.
 * @public
 */
export interface Score {
  /**
   * 0–100, Polaris's formula: `floor(100·2S / (2S + W + 2D))` with S passed findings, W failed
   * warnings and D failed dangers; 100 when nothing applies.
   */
  score: number;
  /** The id of the best level met, or `none`. */
  level: string;
  total: FindingCounts;
  bySeverity: Record<Severity, FindingCounts>;
  byCategory: Record<Category, FindingCounts>;
  /** Failed findings by severity, then category: what level requirements are judged on. */
  failed: Record<Severity, Record<Category, number>>;
}

/**
 * A cap on failed findings, optionally narrowed to one severity and/or category.
 * `{ severity: 'warning', category: 'security', max: 0 }` reads "no failed security warning".
 * @public
 */
export interface LevelRequirement {
  severity?: Severity;
  category?: Category;
  max: number;
}

/**
 * A named level (bronze, silver, gold, ...) reached when every requirement holds.
 * @public
 */
export interface LevelDefinition {
  id: string;
  title: string;
  /** Also require at least this score. */
  minScore?: number;
  requirements: LevelRequirement[];
}

/** The level reported when no level's requirements hold. @public */
export const NO_LEVEL = 'none';

/**
 * The default levels, best first (the first one whose requirements hold wins):
 * gold when everything passes, silver with no failed danger and no failed security warning,
 * bronze with no failed danger.
 * @public
 */
export const DEFAULT_LEVELS: readonly LevelDefinition[] = [
  { id: 'gold', title: 'Gold', requirements: [{ max: 0 }] },
  {
    id: 'silver',
    title: 'Silver',
    requirements: [
      { severity: 'danger', max: 0 },
      { severity: 'warning', category: 'security', max: 0 },
    ],
  },
  {
    id: 'bronze',
    title: 'Bronze',
    requirements: [{ severity: 'danger', max: 0 }],
  },
];

import type { LiveRescoringStatus } from '@hatchway/plugin-readiness-common';

/** Reports live re-scoring per cluster. */
export interface LiveRescoringStatusSource {
  statuses(): Promise<Map<string, LiveRescoringStatus>>;
}

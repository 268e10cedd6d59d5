/**
 * How live re-scoring of a cluster is doing, as `GET /clusters` reports it per cluster
 * (`liveRescoring`): `active` (changes re-score within seconds), `starting` (listing the
 * cluster), `degraded` (the watch keeps failing, or no backend instance watches: scores change
 * at scheduled scans; `message` says why) or `disabled` by config.
 * @public
 */
export interface LiveRescoringStatus {
  state: 'active' | 'starting' | 'degraded' | 'disabled';
  message?: string;
  /** When the state began (ISO 8601). */
  since?: string;
  /** When a live re-scoring was last written (ISO 8601). */
  lastUpdateAt?: string;
}

/** Reports live re-scoring per cluster. */
export interface LiveRescoringStatusSource {
  statuses(): Promise<Map<string, LiveRescoringStatus>>;
}

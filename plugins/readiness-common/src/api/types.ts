import { Category, EffectiveCheck, Severity } from '../types/checks';
import { Exemption, ExemptionMatch } from '../types/exemptions';
import { Finding, FindingStatus } from '../types/findings';
import { FindingCounts, Score } from '../types/scores';
import { ComponentHealth, ComponentStatus } from '../types/platform';
import { ReadinessEntityPodSecurity } from './podSecurity';

/**
 * The wire shapes of the readiness backend (`/api/readiness`). Times are ISO 8601 strings.
 */

/**
 * One scan of one cluster.
 * @public
 */
export interface ReadinessScan {
  id: string;
  cluster: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt?: string;
  /** Why the scan failed; earlier results stay in place when a scan fails. */
  error?: string;
  /** The cluster's score as the scan computed it. */
  score?: number;
  level?: string;
  objectCount?: number;
  findingCount?: number;
  /** Engine warnings, e.g. an override naming an unknown check. */
  warnings: string[];
}

/**
 * A configured cluster with its latest scans and current score (`GET /clusters`).
 * @public
 */
export interface ReadinessCluster {
  name: string;
  title: string;
  lastScan?: ReadinessScan;
  lastSuccessfulScan?: ReadinessScan;
  /** The score of the stored findings now (expired exemptions count as failures again). */
  score?: Score;
  /** How live re-scoring of the cluster is doing; absent from a backend without it. */
  liveRescoring?: LiveRescoringStatus;
}

/**
 * The states of a cluster's live re-scoring: `active` (changes re-score within seconds),
 * `starting` (listing the cluster), `degraded` (the watch keeps failing, or no backend instance
 * watches: scores change only at scheduled scans) or `disabled` by config.
 * @public
 */
export type LiveRescoringState =
  | 'active'
  | 'starting'
  | 'degraded'
  | 'disabled';

/**
 * How live re-scoring of a cluster is doing, as `GET /clusters` reports it per cluster
 * (`liveRescoring`).
 * @public
 */
export interface LiveRescoringStatus {
  state: LiveRescoringState;
  /** Why the state is what it is; set when `degraded`. */
  message?: string;
  /** When the state began (ISO 8601). */
  since?: string;
  /** When a live re-scoring was last written (ISO 8601). */
  lastUpdateAt?: string;
}

/** @public */
export interface ReadinessClustersResponse {
  items: ReadinessCluster[];
}

/**
 * Score, level and counts of the findings in a scope (`GET /summary`).
 * @public
 */
export interface ReadinessSummaryResponse {
  filters: { cluster?: string; namespace?: string; owner?: string };
  score: Score;
  /** Each category scored on its own findings, for the per-category bars. */
  categoryScores: Record<Category, number>;
  /** Days covered by `trend`. */
  days?: number;
  /**
   * One point per day from the scope's daily snapshots, oldest first. Absent where no snapshot
   * covers the scope (an owning team within a namespace).
   */
  trend?: ReadinessTrendPoint[];
}

/**
 * A stored finding with the catalog entities and owners its resource maps to.
 * @public
 */
export interface ReadinessFinding extends Finding {
  entityRefs: string[];
  owners: string[];
  scanId: string;
}

/** @public */
export interface ReadinessFindingsResponse {
  items: ReadinessFinding[];
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * The query of `GET /findings` and `GET /export`.
 * @public
 */
export interface ReadinessFindingsQuery {
  cluster?: string;
  namespace?: string;
  severity?: Severity;
  category?: Category;
  check?: string;
  /** An owner entity ref, e.g. `group:default/team-a`. */
  owner?: string;
  /** An entity ref, e.g. `component:default/shop-api`. */
  entity?: string;
  status?: FindingStatus;
}

/**
 * A check that fails somewhere, with how often.
 * @public
 */
export interface ReadinessFailingCheck {
  checkId: string;
  title: string;
  severity: Severity;
  category: Category;
  failed: number;
  remediation?: string;
  docsUrl?: string;
}

/**
 * One day of a scope's score.
 * @public
 */
export interface ReadinessTrendPoint {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  score: number;
  level: string;
  total: FindingCounts;
}

/**
 * How an entity selects its Kubernetes resources, from its annotations.
 * @public
 */
export interface ReadinessEntitySelector {
  kubernetesId?: string;
  labelSelector?: string;
  namespace?: string;
}

/**
 * An entity's readiness (`GET /entities/:kind/:namespace/:name`).
 * @public
 */
export interface ReadinessEntityResponse {
  entityRef: string;
  /** Unset when the entity carries no Kubernetes annotation. */
  selector?: ReadinessEntitySelector;
  score: Score;
  topFailingChecks: ReadinessFailingCheck[];
  findings: ReadinessFinding[];
  /** Days covered by `trend`. */
  days: number;
  trend: ReadinessTrendPoint[];
  /** The strictest Pod Security level its workloads meet; unset when it maps to no workload. */
  podSecurity?: ReadinessEntityPodSecurity;
}

/** The checks catalogue (`GET /checks`). @public */
export interface ReadinessChecksResponse {
  profile: string;
  items: EffectiveCheck[];
  warnings: string[];
}

/**
 * A stored exemption and whether it still applies.
 * @public
 */
export interface ReadinessExemption extends Exemption {
  active: boolean;
}

/** @public */
export interface ReadinessExemptionsResponse {
  items: ReadinessExemption[];
}

/**
 * The body of `POST /exemptions`. `owner` defaults to the caller.
 * @public
 */
export interface CreateReadinessExemptionRequest {
  checkIds: string[];
  match?: ExemptionMatch;
  reason: string;
  owner?: string;
  expiresAt: string;
}

/**
 * One audited change to an exemption.
 * @public
 */
export interface ReadinessAuditEntry {
  actor: string;
  action: 'exemption.create' | 'exemption.delete';
  exemptionId: string;
  at: string;
}

/** The audit trail (`GET /audit`), newest first; it outlives deleted exemptions. @public */
export interface ReadinessAuditResponse {
  items: ReadinessAuditEntry[];
}

/** @public */
export interface ReadinessExemptionResponse {
  exemption: ReadinessExemption;
  audit: ReadinessAuditEntry[];
}

/** The formats of `GET /export`. @public */
export type ReadinessExportFormat = 'csv' | 'json' | 'sarif' | 'policyreport';

/** The answer of `POST /scans`. @public */
export interface ReadinessScanResponse {
  scan: ReadinessScan;
}

/**
 * A platform component's status as the latest successful scan of its cluster found it, with
 * when it entered that health (`since`), so a board can say "Degraded for 2 h".
 * @public
 */
export interface ReadinessPlatformComponent extends ComponentStatus {
  /** When the component entered its current health (the first scan that saw it so). */
  since: string;
  /** The scan that produced this status. */
  scanId: string;
}

/**
 * One scan's platform percentage, for the trend and for spotting flapping components.
 * @public
 */
export interface ReadinessPlatformHistoryPoint {
  scanId: string;
  at: string;
  readyPercent: number;
  healthy: number;
  expected: number;
  /** Each component's health in that scan, by component name. */
  components: Record<string, ComponentHealth>;
}

/**
 * The platform board of one cluster (`GET /platform?cluster=NAME[&days=N]`).
 * `configured` is false when no component is expected on the cluster (the empty state);
 * `components` is empty and `readyPercent` unset until the first scan after configuration.
 * @public
 */
export interface ReadinessPlatformResponse {
  cluster: string;
  configured: boolean;
  readyPercent?: number;
  lastScanAt?: string;
  components: ReadinessPlatformComponent[];
  /** Oldest first, covering `days` days (default 30). */
  history: ReadinessPlatformHistoryPoint[];
  days: number;
}

/**
 * The live status of the platform components a catalog entity maps to
 * (`GET /platform/entities/:kind/:namespace/:name`); empty when it maps to none.
 * @public
 */
export interface ReadinessEntityPlatformResponse {
  entityRef: string;
  items: Array<ReadinessPlatformComponent & { cluster: string }>;
}

import { Category, Severity } from './checks';
import { ResourceRef } from './resources';

/**
 * The outcome of one check on one resource (or one container of it).
 *
 * - `passed` and `failed` count in the score;
 * - `exempted` is a failure an active exemption covers, left out of the score;
 * - `skipped` is shown but never scored (a policy report's `skip` results).
 * @public
 */
export type FindingStatus = 'passed' | 'failed' | 'exempted' | 'skipped';

/**
 * Why a failure does not count.
 * @public
 */
export interface FindingExemption {
  /** `config` for a stored or configured exemption, `annotation` for `hatchway.dev/readiness-exempt`. */
  source: 'config' | 'annotation';
  /** The exemption's id, for `config` exemptions. */
  id?: string;
  reason: string;
  owner?: string;
  /** ISO 8601 time after which the exemption stops applying. */
  expiresAt?: string;
}

/**
 * Where a finding imported from a policy report (Kyverno's `PolicyReport`/`ClusterPolicyReport`) came from.
 * @public
 */
export interface PolicyReportOrigin {
  /** The report object the result was read from. */
  report: ResourceRef;
  /** The engine that wrote the result, e.g. `kyverno`. */
  source?: string;
  policy: string;
  rule?: string;
  /** The result exactly as the report states it. */
  result: 'pass' | 'fail' | 'warn' | 'error' | 'skip';
  /** The report's own severity (`critical`, `high`, `medium`, `low`, `info`), if any. */
  severity?: string;
  /** The report's own category text, if any. */
  category?: string;
}

/**
 * One check's verdict on one resource.
 * @public
 */
export interface Finding {
  checkId: string;
  resource: ResourceRef;
  /** Effective severity: after profiles and overrides, or as a policy report states it. */
  severity: Severity;
  category: Category;
  status: FindingStatus;
  /** What was found, in a sentence an engineer can act on. */
  message: string;
  /**
   * Paths of the fields that made the check fail, relative to the object,
   * e.g. `spec.template.spec.containers[0].securityContext.runAsNonRoot`.
   */
  fieldPaths?: string[];
  /** The container the finding is about, for per-container checks. */
  container?: string;
  /** Set when `status` is `exempted`. */
  exemption?: FindingExemption;
  /** Set for findings imported from a policy report. */
  policyReport?: PolicyReportOrigin;
}

/**
 * The readiness backend's wire shapes as this plugin uses them. The shapes themselves live in
 * `@hatchway/plugin-readiness-common` (`src/api/types.ts`), shared with the backend; this file
 * is the one place where the frontend names them and adds what only the client needs, so
 * aligning with a backend change is a one-file edit.
 */
import type {
  ReadinessExportFormat,
  ReadinessFindingsQuery,
  ReadinessSummaryResponse,
} from '@hatchway/plugin-readiness-common';

export type {
  CheckDefinition,
  ComponentHealth,
  ComponentPod,
  CreateReadinessExemptionRequest,
  EffectiveCheck,
  ExemptionMatch,
  ReadinessCluster,
  ReadinessEntityPlatformResponse,
  ReadinessEntityResponse,
  ReadinessExemption,
  ReadinessFailingCheck,
  ReadinessFinding,
  ReadinessFindingsQuery,
  ReadinessFindingsResponse,
  ReadinessPlatformComponent,
  ReadinessPlatformHistoryPoint,
  ReadinessPlatformResponse,
  ReadinessScan,
  ReadinessTrendPoint,
  Score,
  ReadinessEntityPodSecurity,
  ReadinessPodSecurityControl,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityLevel,
  ReadinessPodSecurityNamespace,
  ReadinessPodSecurityRefusal,
  ReadinessPodSecurityResponse,
} from '@hatchway/plugin-readiness-common';

/** Which namespaces the Pod Security view covers: a cluster, an owning team, both or all. @public */
export type PodSecurityFilter = Pick<
  ReadinessFindingsQuery,
  'cluster' | 'owner'
>;

/** The windows the trend charts offer, in days. @public */
export type TrendWindow = 30 | 90;

/** What a summary covers: a cluster, a namespace, an owning team, or a mix. @public */
export type ReadinessScope = Pick<
  ReadinessFindingsQuery,
  'cluster' | 'namespace' | 'owner'
>;

/**
 * `GET /summary`: with `days`, the scope's daily trend over that window (absent for an owning
 * team within a namespace, which has no snapshots of its own).
 * @public
 */
export type ReadinessSummary = ReadinessSummaryResponse;

/** `GET /findings` with paging. @public */
export interface FindingsQuery extends ReadinessFindingsQuery {
  limit?: number;
  offset?: number;
}

/** The formats of `GET /export`. @public */
export type ExportFormat = ReadinessExportFormat;

/** Every export format, in the order the pages offer them. @public */
export const EXPORT_FORMATS: ReadonlyArray<{
  format: ExportFormat;
  label: string;
}> = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'sarif', label: 'SARIF' },
  { format: 'policyreport', label: 'PolicyReport' },
];

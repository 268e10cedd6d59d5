/**
 * Types and permissions shared by Hatchway's infra readiness plugins: checks, findings, scores,
 * levels and exemptions. The readiness API client will live here too, beside these types, so the
 * frontend and other plugins share one definition of the wire shapes.
 *
 * @packageDocumentation
 */
export { CATEGORIES, SEVERITIES } from './types/checks';
export type {
  Category,
  CheckDefinition,
  EffectiveCheck,
  Severity,
} from './types/checks';
export { formatResource, resourceKey } from './types/resources';
export type { ResourceRef } from './types/resources';
export type {
  Finding,
  FindingExemption,
  FindingStatus,
  PolicyReportOrigin,
} from './types/findings';
export { DEFAULT_LEVELS, NO_LEVEL } from './types/scores';
export type {
  FindingCounts,
  LevelDefinition,
  LevelRequirement,
  Score,
} from './types/scores';
export {
  exemptionCoversCheck,
  exemptionMatchesResource,
  isExemptionActive,
  validateExemption,
} from './types/exemptions';
export type { Exemption, ExemptionMatch } from './types/exemptions';
export {
  readinessExemptionCreatePermission,
  readinessExemptionDeletePermission,
  readinessPermissions,
  readinessResultsReadPermission,
} from './permissions';
export type {
  ComponentHealth,
  ComponentPod,
  ComponentStatus,
  ExpectedComponent,
  PlatformReadiness,
} from './types/platform';
export type {
  CreateReadinessExemptionRequest,
  LiveRescoringState,
  LiveRescoringStatus,
  ReadinessAuditEntry,
  ReadinessAuditResponse,
  ReadinessChecksResponse,
  ReadinessCluster,
  ReadinessClustersResponse,
  ReadinessEntityResponse,
  ReadinessEntitySelector,
  ReadinessExemption,
  ReadinessExemptionResponse,
  ReadinessExemptionsResponse,
  ReadinessExportFormat,
  ReadinessFailingCheck,
  ReadinessFinding,
  ReadinessFindingsQuery,
  ReadinessFindingsResponse,
  ReadinessEntityPlatformResponse,
  ReadinessPlatformComponent,
  ReadinessPlatformHistoryPoint,
  ReadinessPlatformResponse,
  ReadinessScan,
  ReadinessScanResponse,
  ReadinessSummaryResponse,
  ReadinessTrendPoint,
} from './api/types';
export { POD_SECURITY_LEVEL_ORDER } from './api/podSecurity';
export type {
  ReadinessEntityPodSecurity,
  ReadinessPodSecurityControl,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityLabels,
  ReadinessPodSecurityLevel,
  ReadinessPodSecurityNamespace,
  ReadinessPodSecurityRefusal,
  ReadinessPodSecurityResponse,
} from './api/podSecurity';

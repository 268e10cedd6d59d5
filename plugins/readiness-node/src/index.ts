/**
 * Hatchway's infra readiness check engine — Kubernetes objects in, findings and scores out, no
 * I/O — with the report formats (SARIF, PolicyReport, table) and the `hatchway-readiness` CLI.
 *
 * @packageDocumentation
 */
export { evaluate, flattenLists } from './engine/evaluate';
export { redactConfigMap } from './engine/redact';
export { builtInChecks } from './checks';
export { builtInProfiles, resolveChecks } from './engine/profiles';
export type { ResolvedChecks } from './engine/profiles';
export {
  EXEMPT_ANNOTATION,
  EXEMPT_REASON_ANNOTATION,
} from './engine/exemptions';
export { CHECK_DOCS_BASE_URL } from './engine/defineCheck';
export type {
  CheckContext,
  CheckOutcome,
  CheckOverride,
  CheckSettings,
  EvaluateOptions,
  EvaluationResult,
  FindingTable,
  ReadinessCheck,
  ReadinessOverrides,
  ReadinessProfile,
  ReportableEvaluation,
} from './engine/types';
export type {
  Condition,
  Container,
  KubernetesObject,
  LabelSelector,
  ObjectMeta,
  PodSpec,
  SecurityContext,
} from './kube/types';
export type { Workload, WorkloadContainer } from './kube/workloads';
export { aggregateScores, levelFor, polarisScore } from './scoring/score';
export {
  scoreByCategory,
  scoreByNamespace,
  scoreByResource,
  scoreByResourceGroups,
  scoreFindings,
} from './scoring/groups';
export type { NamespaceScore, ResourceScore } from './scoring/groups';
export { toSarif } from './report/sarif';
export type { SarifLog, SarifOptions, SourceLocation } from './report/sarif';
export { toPolicyReport } from './report/policyReport';
export type { PolicyReportDocument } from './report/policyReport';
export { toTable } from './report/table';
export { runCli } from './cli/run';
export type { CliIo } from './cli/run';
export { evaluatePlatform } from './platform/evaluatePlatform';
export type { PlatformOptions } from './platform/evaluatePlatform';
export {
  PLATFORM_PRESETS,
  resolveExpectedComponents,
} from './platform/presets';
export type { ExpectedComponentEntry } from './platform/presets';
export {
  evaluatePodSecurity,
  highestAdmissibleLevel,
  isPodSecurityLevel,
  podSecurityChecks,
  podSecurityMinor,
  podTemplateOf,
  POD_SECURITY_CONTROLS,
  POD_SECURITY_LEVELS,
  POD_SECURITY_NEWEST_MINOR,
  POD_SECURITY_VERSIONS,
  RESTRICTED_POD_SECURITY_CHECK_IDS,
} from './pss';
export type {
  PodLike,
  PodSecurityControl,
  PodSecurityLevel,
  PodSecurityResult,
  PodSecurityVersion,
  PodSecurityViolation,
} from './pss';

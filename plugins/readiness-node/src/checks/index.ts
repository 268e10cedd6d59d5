import { ReadinessCheck } from '../engine/types';
import {
  certificateExpiry,
  certificateReady,
} from './certificates/certificates';
import { defaultDenyEgress, defaultDenyIngress } from './network/defaultDeny';
import { ingressClassAnnotation } from './network/ingressClassAnnotation';
import { ingressTls } from './network/ingressTls';
import { ingressTlsSecret } from './network/ingressTlsSecret';
import { metadataEgressBlocked } from './network/metadataEgress';
import { networkPolicyCoverage } from './network/networkPolicyCoverage';
import { policyReport } from './policy/policyReports';
import { rbacClusterAdminBinding } from './rbac/clusterAdmin';
import { rbacPodExec, rbacSecretsList } from './rbac/sensitiveGrants';
import { rbacNoWildcards } from './rbac/wildcards';
import { podCrashLoop, podImagePull, podRestarts } from './runtime/podHealth';
import { jobFailed, workloadAvailability } from './runtime/workloadStatus';
import {
  externalSecretFresh,
  externalSecretSynced,
} from './secrets/externalSecrets';
import { sealedSecretSynced } from './secrets/sealedSecrets';
import { noAutomountServiceAccountToken } from './workload/automountToken';
import {
  antiAffinityOrSpread,
  minReplicas,
  pdbCoverage,
} from './workload/availability';
import {
  dropAllCapabilities,
  noDangerousCapabilities,
} from './workload/capabilities';
import { noHostIpc, noHostNetwork, noHostPid } from './workload/hostNamespaces';
import { noHostPath } from './workload/hostPath';
import { imageDigest, imageTag } from './workload/image';
import { noPrivilegeEscalation } from './workload/privilegeEscalation';
import { notPrivileged } from './workload/privileged';
import { livenessProbe, readinessProbe } from './workload/probes';
import { readOnlyRootFilesystem } from './workload/readOnlyRootFilesystem';
import {
  cpuLimits,
  cpuRequests,
  memoryLimits,
  memoryRequests,
} from './workload/resources';
import { runAsNonRoot } from './workload/runAsNonRoot';
import { seccompProfile } from './workload/seccomp';

/**
 * Every built-in check, grouped by area. Their ids are stable: overrides, exemptions and stored
 * findings refer to them.
 * @public
 */
export const builtInChecks: readonly ReadinessCheck[] = [
  // Workload hardening, per container.
  runAsNonRoot,
  noPrivilegeEscalation,
  notPrivileged,
  dropAllCapabilities,
  noDangerousCapabilities,
  seccompProfile,
  readOnlyRootFilesystem,
  // Workload hardening, per pod.
  noHostNetwork,
  noHostPid,
  noHostIpc,
  noHostPath,
  noAutomountServiceAccountToken,
  // Resources, images and probes.
  cpuRequests,
  cpuLimits,
  memoryRequests,
  memoryLimits,
  imageTag,
  imageDigest,
  livenessProbe,
  readinessProbe,
  // Availability.
  minReplicas,
  antiAffinityOrSpread,
  pdbCoverage,
  // Networking.
  networkPolicyCoverage,
  defaultDenyIngress,
  defaultDenyEgress,
  metadataEgressBlocked,
  ingressTls,
  ingressClassAnnotation,
  ingressTlsSecret,
  // RBAC.
  rbacNoWildcards,
  rbacClusterAdminBinding,
  rbacPodExec,
  rbacSecretsList,
  // Secrets.
  externalSecretSynced,
  externalSecretFresh,
  sealedSecretSynced,
  // Policy engines.
  policyReport,
  // Runtime health and certificates.
  podCrashLoop,
  podImagePull,
  podRestarts,
  workloadAvailability,
  jobFailed,
  certificateReady,
  certificateExpiry,
];

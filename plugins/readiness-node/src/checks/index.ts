import { ReadinessCheck } from '../engine/types';
import { podSecurityChecks } from '../pss/checks';
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
import { rbacPodExecBinding } from './rbac/podExecBindings';
import { rbacPodExec, rbacSecretsList } from './rbac/sensitiveGrants';
import { rbacNoWildcards } from './rbac/wildcards';
import { podCrashLoop, podImagePull, podRestarts } from './runtime/podHealth';
import { jobFailed, workloadAvailability } from './runtime/workloadStatus';
import {
  externalSecretFresh,
  externalSecretSynced,
} from './secrets/externalSecrets';
import {
  noCredentialsInConfigMaps,
  noCredentialsInEnv,
} from './secrets/plaintextCredentials';
import { sealedSecretSynced } from './secrets/sealedSecrets';
import { noAutomountServiceAccountToken } from './workload/automountToken';
import { hpaCanScale } from './workload/autoscaling';
import {
  antiAffinityOrSpread,
  minReplicas,
  pdbCoverage,
} from './workload/availability';
import {
  dropAllCapabilities,
  noDangerousCapabilities,
} from './workload/capabilities';
import {
  pdbAllowsDisruptions,
  pdbWithinHpaMinReplicas,
} from './workload/disruptionBudgets';
import { noHostIpc, noHostNetwork, noHostPid } from './workload/hostNamespaces';
import { noHostPath } from './workload/hostPath';
import { noHostPort } from './workload/hostPort';
import { noHostProcess } from './workload/hostProcess';
import { imageDigest, imageTag } from './workload/image';
import { instanceLabelMatchesName } from './workload/instanceLabel';
import { priorityClassSet } from './workload/priorityClass';
import { noPrivilegeEscalation } from './workload/privilegeEscalation';
import { notPrivileged } from './workload/privileged';
import { livenessProbe, readinessProbe } from './workload/probes';
import { defaultProcMount } from './workload/procMount';
import { imagePullPolicyAlways } from './workload/pullPolicy';
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
  noHostPort,
  noHostProcess,
  defaultProcMount,
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
  imagePullPolicyAlways,
  livenessProbe,
  readinessProbe,
  // Availability.
  minReplicas,
  antiAffinityOrSpread,
  pdbCoverage,
  pdbAllowsDisruptions,
  pdbWithinHpaMinReplicas,
  hpaCanScale,
  priorityClassSet,
  instanceLabelMatchesName,
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
  rbacPodExecBinding,
  rbacSecretsList,
  // Secrets.
  noCredentialsInEnv,
  noCredentialsInConfigMaps,
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
  // Pod Security Standards, one check per control (pss-*).
  ...podSecurityChecks,
];

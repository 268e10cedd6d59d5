import type {
  V1PolicyRule,
  V1Role,
  V1RoleBinding,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import { chartLabels, readinessExemption, Release } from './metadata';

const ALL = ['create', 'delete', 'patch', 'update', 'get', 'list', 'watch'];
const READ = ['get', 'list', 'watch'];

/**
 * The syncer's rules in its own namespace, as `templates/role.yaml` lists them for the default
 * values: syncing pods, services, endpoints, volume claims, config maps and secrets to the host,
 * reading workloads, and events. No leases: those come with more than one replica.
 */
const SYNCER_RULES: V1PolicyRule[] = [
  {
    apiGroups: [''],
    resources: [
      'configmaps',
      'secrets',
      'services',
      'pods',
      'pods/attach',
      'pods/portforward',
      'pods/exec',
      'persistentvolumeclaims',
    ],
    verbs: ALL,
  },
  {
    apiGroups: [''],
    resources: ['pods/status', 'pods/ephemeralcontainers'],
    verbs: ['patch', 'update'],
  },
  {
    apiGroups: ['apps'],
    resources: ['statefulsets', 'replicasets', 'deployments'],
    verbs: READ,
  },
  { apiGroups: [''], resources: ['endpoints', 'pods/log'], verbs: READ },
  {
    apiGroups: [''],
    resources: ['events'],
    verbs: ['create', 'get', 'list', 'watch'],
  },
  {
    apiGroups: [''],
    resources: ['endpoints'],
    verbs: ['create', 'delete', 'patch', 'update'],
  },
];

/**
 * Why the syncer's Role may hand out pods/exec and pods/attach: `kubectl exec`, `attach` and
 * `port-forward` on a pod inside the vCluster are carried out by the syncer against the pod it
 * synced to the host. Only the control plane's ServiceAccount holds them, in its own namespace.
 */
const SYNCER_EXEC_REASON =
  "The vCluster syncer runs kubectl exec/attach of pods inside the vCluster against their host pods (vcluster chart templates/role.yaml); only the control plane's ServiceAccount holds it, in this namespace.";

/** ServiceAccount `vc-<name>` the control plane runs as. */
export function renderServiceAccount(release: Release): V1ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: `vc-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
    },
  };
}

/** ServiceAccount `vc-workload-<name>` that pods synced from inside the vCluster run as. */
export function renderWorkloadServiceAccount(
  release: Release,
): V1ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: `vc-workload-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
    },
  };
}

/** Role `vc-<name>` with the syncer's rules. */
export function renderRole(release: Release): V1Role {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: {
      name: `vc-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
      annotations: readinessExemption(['rbac-pod-exec'], SYNCER_EXEC_REASON),
    },
    rules: SYNCER_RULES,
  };
}

/** RoleBinding `vc-<name>` of the Role to the control plane's ServiceAccount. */
export function renderRoleBinding(release: Release): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {
      name: `vc-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
      annotations: readinessExemption(
        ['rbac-pod-exec-binding'],
        SYNCER_EXEC_REASON,
      ),
    },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: `vc-${release.name}`,
        namespace: release.namespace,
      },
    ],
    roleRef: {
      kind: 'Role',
      name: `vc-${release.name}`,
      apiGroup: 'rbac.authorization.k8s.io',
    },
  };
}

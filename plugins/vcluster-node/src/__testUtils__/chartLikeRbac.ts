const MANAGER_ROLE_BINDING = 'hatchway-manager';

/** The chart's vCluster manager ClusterRole (as named for release `hatchway`). */
export const CHART_MANAGER_CLUSTER_ROLE = 'hatchway-vcluster-manager';

/** The user the portal's ServiceAccount token authenticates as. */
export const PORTAL_USER = 'system:serviceaccount:hatchway:hatchway';

/** The `managerRoleBinding` render option for the chart-like portal. */
export const CHART_MANAGER_ROLE_BINDING = {
  clusterRole: CHART_MANAGER_CLUSTER_ROLE,
  serviceAccount: { namespace: 'hatchway', name: 'hatchway' },
};

/**
 * The portal's rights as the Hatchway chart grants them (charts/hatchway/templates/rbac-*.yaml),
 * for ServiceAccount `hatchway/hatchway`: cluster-wide reads without Secrets, namespaces and the
 * one RoleBinding `hatchway-manager` to bootstrap each vCluster namespace, `bind` on the manager
 * ClusterRole, and (for the Argo CD provisioner) Applications in `argoCdNamespace` only. Every
 * other write, and every read of a Secret, comes through `hatchway-manager` in a vCluster
 * namespace. Apply after `argoCdNamespace` exists.
 */
export function chartLikePortalRbac(argoCdNamespace: string): string {
  return `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: hatchway-reader }
rules:
  - { apiGroups: [''], resources: [namespaces, pods, pods/log, services, configmaps, limitranges, resourcequotas, events, serviceaccounts], verbs: [get, list, watch] }
  - { apiGroups: [apps], resources: [deployments, replicasets, statefulsets, daemonsets], verbs: [get, list, watch] }
  - { apiGroups: [networking.k8s.io], resources: [networkpolicies, ingresses], verbs: [get, list, watch] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings, clusterroles, clusterrolebindings], verbs: [get, list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: hatchway-vcluster-housekeeping }
rules:
  - { apiGroups: [''], resources: [namespaces], verbs: [get, list, watch, create, patch, delete] }
  - { apiGroups: [apps], resources: [statefulsets], verbs: [list, watch] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], resourceNames: [${MANAGER_ROLE_BINDING}], verbs: [create, patch] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [${CHART_MANAGER_CLUSTER_ROLE}], verbs: [bind] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${CHART_MANAGER_CLUSTER_ROLE} }
rules:
  - { apiGroups: [''], resources: [configmaps, secrets, services, pods, pods/attach, pods/portforward, pods/exec, persistentvolumeclaims], verbs: [create, delete, patch, update, get, list, watch] }
  - { apiGroups: [''], resources: [pods/status, pods/ephemeralcontainers], verbs: [patch, update] }
  - { apiGroups: [apps], resources: [statefulsets, replicasets, deployments], verbs: [get, list, watch] }
  - { apiGroups: [''], resources: [endpoints, pods/log], verbs: [get, list, watch] }
  - { apiGroups: [''], resources: [events], verbs: [create, get, list, watch] }
  - { apiGroups: [''], resources: [endpoints], verbs: [create, delete, patch, update] }
  - { apiGroups: [''], resources: [serviceaccounts, resourcequotas, limitranges], verbs: [get, create, patch] }
  - { apiGroups: [apps], resources: [statefulsets], verbs: [create, patch] }
  - { apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, create, patch] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [get, create, patch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: hatchway-argocd, namespace: ${argoCdNamespace} }
rules:
  - { apiGroups: [argoproj.io], resources: [applications], verbs: [get, create, patch, delete] }
${['reader', 'vcluster-housekeeping']
  .map(
    role => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: hatchway-${role} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hatchway-${role} }
subjects: [{ kind: ServiceAccount, namespace: hatchway, name: hatchway }]
`,
  )
  .join('')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: hatchway-argocd, namespace: ${argoCdNamespace} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: hatchway-argocd }
subjects: [{ kind: ServiceAccount, namespace: hatchway, name: hatchway }]
`;
}

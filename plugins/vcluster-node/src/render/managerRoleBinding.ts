import type { V1RoleBinding } from '@kubernetes/client-node';
import { MANAGED_BY_HATCHWAY, MANAGED_BY_LABEL } from './metadata';
import type { ManagerRoleBinding } from './options';

/** Name of the RoleBinding that gives the portal its rights inside one vCluster namespace. @public */
export const MANAGER_ROLE_BINDING_NAME = 'hatchway-manager';

/**
 * RoleBinding `hatchway-manager` in the vCluster's host namespace, binding the configured
 * ClusterRole to the portal's ServiceAccount.
 *
 * Why: the Hatchway chart gives the portal no cluster-wide write on namespaced kinds — only
 * namespaces, and `bind` on this one ClusterRole — so a compromised portal cannot write into
 * namespaces that are not vClusters. Its write rights arrive namespace by namespace through this
 * binding, which is why it is applied right after the Namespace and before anything else (every
 * later object needs it), and why it goes away with the namespace when the vCluster is deleted.
 */
export function renderManagerRoleBinding(
  namespace: string,
  binding: ManagerRoleBinding,
): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {
      name: MANAGER_ROLE_BINDING_NAME,
      namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_HATCHWAY },
    },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: binding.serviceAccount.name,
        namespace: binding.serviceAccount.namespace,
      },
    ],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: binding.clusterRole,
    },
  };
}

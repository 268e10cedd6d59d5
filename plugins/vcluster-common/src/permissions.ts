import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of vClusters; the resource ref is the vCluster's name. The portal's policy
 * answers owner-only actions on it with the `IS_OWNER` condition of plugin `vcluster`.
 * @public
 */
export const VCLUSTER_RESOURCE_TYPE = 'vcluster-cluster';

/** Create a vCluster. @public */
export const vclusterCreatePermission = createPermission({
  name: 'vcluster.cluster.create',
  attributes: { action: 'create' },
});

/** See a vCluster. @public */
export const vclusterReadPermission = createPermission({
  name: 'vcluster.cluster.read',
  attributes: { action: 'read' },
  resourceType: VCLUSTER_RESOURCE_TYPE,
});

/** Sleep, wake or extend the TTL of a vCluster. @public */
export const vclusterUpdatePermission = createPermission({
  name: 'vcluster.cluster.update',
  attributes: { action: 'update' },
  resourceType: VCLUSTER_RESOURCE_TYPE,
});

/** Delete a vCluster. @public */
export const vclusterDeletePermission = createPermission({
  name: 'vcluster.cluster.delete',
  attributes: { action: 'delete' },
  resourceType: VCLUSTER_RESOURCE_TYPE,
});

/** Download a vCluster's kubeconfig (admin credentials of the vCluster). @public */
export const vclusterKubeconfigPermission = createPermission({
  name: 'vcluster.cluster.kubeconfig',
  attributes: { action: 'read' },
  resourceType: VCLUSTER_RESOURCE_TYPE,
});

/**
 * Read the audit log and usage of every owner. No action attribute: the portal's policy grants
 * `*.admin` permissions to the admin groups only.
 * @public
 */
export const vclusterAuditAdminPermission = createPermission({
  name: 'vcluster.audit.admin',
  attributes: {},
});

/** Every vCluster permission, for the permission integration. @public */
export const vclusterPermissions = [
  vclusterCreatePermission,
  vclusterReadPermission,
  vclusterUpdatePermission,
  vclusterDeletePermission,
  vclusterKubeconfigPermission,
  vclusterAuditAdminPermission,
];

import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { VCLUSTER_RESOURCE_TYPE } from '@hatchway/plugin-vcluster-common';
import { ClusterRow } from '../database/rows';

/** Filters vClusters by owner (the rule's query form). */
export type ClusterOwnerQuery = { owners: string[] };

/** The `vcluster-cluster` resource, whose ref is the vCluster's name. */
export const clusterResourceRef = createPermissionResourceRef<
  ClusterRow,
  ClusterOwnerQuery
>().with({ pluginId: 'vcluster', resourceType: VCLUSTER_RESOURCE_TYPE });

/**
 * `IS_OWNER`: the vCluster's owner is among the caller's ownership claims (their user ref and
 * their groups), so every member of an owning group may act on it. The portal's policy answers
 * read, update and delete on vClusters with this condition.
 */
export const isClusterOwner = createPermissionRule<
  typeof clusterResourceRef,
  { claims: string[] }
>({
  name: 'IS_OWNER',
  description: 'Allow only the owner of the vCluster (a user or a group)',
  resourceRef: clusterResourceRef,
  // No params schema: zod 3 schemas send tsc into unbounded type instantiation here; the
  // params are typed by the generic and the portal's policy is the only source of them.
  apply: (cluster, { claims }) => claims.includes(cluster.owner),
  toQuery: ({ claims }) => ({ owners: claims }),
});

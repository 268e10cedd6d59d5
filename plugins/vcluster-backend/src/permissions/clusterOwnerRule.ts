import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { VCLUSTER_RESOURCE_TYPE } from '@hatchway/plugin-vcluster-common';
import { z } from 'zod';
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
export const isClusterOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow only the owner of the vCluster (a user or a group)',
  resourceRef: clusterResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe("The caller's user and group entity refs"),
  }),
  apply: (cluster, { claims }) => claims.includes(cluster.owner),
  toQuery: ({ claims }) => ({ owners: claims }),
});

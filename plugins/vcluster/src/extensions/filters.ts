import { VCLUSTER_ANNOTATION } from '@hatchway/plugin-vcluster-common';

// Entity predicates (the catalog's filter language; strings compare without case).

/** The catalog Resources that stand for a vCluster (the vCluster backend's entity provider). */
export const vclusterResourceFilter = {
  kind: 'resource',
  'spec.type': 'kubernetes-cluster',
  [`metadata.annotations.${VCLUSTER_ANNOTATION}`]: { $exists: true },
};

/** The entities that can own a vCluster. */
export const ownerEntityFilter = { kind: { $in: ['user', 'group'] } };

/**
 * vClusters in the catalog: the vcluster plugin's entity provider makes each one a Resource of
 * type `kubernetes-cluster` (strings compare without case in the catalog's filter language).
 */
export const vclusterEntityFilter = {
  kind: 'resource',
  'spec.type': 'kubernetes-cluster',
};

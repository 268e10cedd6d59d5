// Entity predicates (the catalog's filter language; strings compare without case). Each
// object is its own constant so TypeScript infers plain shapes the blueprints accept.

const workloadKinds = { kind: { $in: ['component', 'system', 'resource'] } };
const hasKubernetesId = {
  'metadata.annotations.backstage.io/kubernetes-id': { $exists: true },
};
const hasLabelSelector = {
  'metadata.annotations.backstage.io/kubernetes-label-selector': {
    $exists: true,
  },
};

/**
 * Entities whose resources the readiness backend can find: the kinds that own workloads, with
 * either annotation the Backstage Kubernetes plugin maps resources by.
 */
export const workloadEntityFilter = {
  $all: [workloadKinds, { $any: [hasKubernetesId, hasLabelSelector] }],
};

/**
 * Entities that can show a platform component's status: the workload kinds, annotated or not,
 * since config can name any of them (`entityRef`). Whether one does is only known to the
 * backend, so the card itself renders nothing for the rest.
 */
export const platformEntityFilter = workloadKinds;

/** Team pages. */
export const groupEntityFilter = { kind: 'group' };

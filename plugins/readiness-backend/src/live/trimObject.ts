import { KubernetesObject } from '@hatchway/plugin-readiness-node';

/** Annotations no check reads that can be as large as the object itself. */
const DROPPED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/**
 * What the watch cache keeps of an object: everything the checks and the entity mapping may read
 * (spec, status, labels, annotations, owner references), without the bookkeeping the API server
 * adds on every write: `managedFields` (often half of a workload's JSON), the last-applied
 * configuration kubectl writes (a second copy of the spec), `selfLink` and `generateName`.
 * Status is kept whole: the runtime checks read pods' and workloads' status. Measured in
 * `bench/readiness/liveRescore.ts`.
 */
export function trimObject(object: KubernetesObject): KubernetesObject {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata) return object;
  const {
    managedFields: _managedFields,
    selfLink: _selfLink,
    generateName: _generateName,
    ...kept
  } = metadata;
  const annotations = kept.annotations as Record<string, string> | undefined;
  if (annotations && DROPPED_ANNOTATIONS.some(a => a in annotations)) {
    const rest = { ...annotations };
    for (const a of DROPPED_ANNOTATIONS) delete rest[a];
    kept.annotations = rest;
  }
  return { ...object, metadata: kept } as KubernetesObject;
}

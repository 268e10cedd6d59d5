import {
  KubernetesObject,
  redactConfigMap,
} from '@hatchway/plugin-readiness-node';

/** When each cached object was last written; kept beside it, as checks read the object. */
const lastWrites = new WeakMap<KubernetesObject, number>();

const DROPPED_METADATA = new Set(['managedFields', 'selfLink', 'generateName']);

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
 * `bench/readiness/liveRescore.ts`: about half the JSON of an object applied with kubectl.
 */
export function trimObject(watched: KubernetesObject): KubernetesObject {
  // A ConfigMap's values never stay in the cache: only what the checks judge them by.
  const object = redactConfigMap(watched);
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata) return object;
  const trimmed = trimMetadata(object, metadata);
  lastWrites.set(trimmed, lastWriteOf(metadata));
  return trimmed;
}

/**
 * When the object was last written, as far as its metadata tells (the newest `managedFields`
 * time, else its creation), in epoch milliseconds; 0 when unknown. Kept for trimmed objects.
 */
export function lastWrite(object: KubernetesObject): number {
  return lastWrites.get(object) ?? 0;
}

function lastWriteOf(metadata: Record<string, unknown>): number {
  let newest = Date.parse(String(metadata.creationTimestamp ?? '')) || 0;
  const fields = metadata.managedFields;
  if (Array.isArray(fields)) {
    for (const entry of fields) {
      const time = Date.parse(String(entry?.time ?? '')) || 0;
      if (time > newest) newest = time;
    }
  }
  return newest;
}

function trimMetadata(
  object: KubernetesObject,
  metadata: Record<string, unknown>,
): KubernetesObject {
  // Copied key by key (not with a rest pattern) so the copy stays a compact, fast-mode object.
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(metadata)) {
    if (!DROPPED_METADATA.has(key)) kept[key] = metadata[key];
  }
  const annotations = kept.annotations as Record<string, string> | undefined;
  if (annotations && DROPPED_ANNOTATIONS.some(a => a in annotations)) {
    const rest: Record<string, string> = {};
    for (const key of Object.keys(annotations)) {
      if (!DROPPED_ANNOTATIONS.includes(key)) rest[key] = annotations[key];
    }
    kept.annotations = rest;
  }
  return { ...object, metadata: kept } as KubernetesObject;
}

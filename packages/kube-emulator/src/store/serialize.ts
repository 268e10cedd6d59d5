import type { KubeObject } from '../types';

// Field order of metav1.ObjectMeta, so stored objects serialize the way the API server's Go structs do.
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** Returns the object with apiVersion, kind, metadata first and metadata fields in Go order. */
export function normalize(obj: KubeObject): KubeObject {
  const meta: Record<string, unknown> = {};
  const src = obj.metadata ?? {};
  for (const k of META_ORDER) if (src[k] !== undefined) meta[k] = src[k];
  for (const k of Object.keys(src))
    if (!(k in meta) && src[k] !== undefined) meta[k] = src[k];
  const out: KubeObject = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: meta,
  };
  for (const k of Object.keys(obj)) {
    if (
      k !== 'apiVersion' &&
      k !== 'kind' &&
      k !== 'metadata' &&
      obj[k] !== undefined
    )
      out[k] = obj[k];
  }
  return out;
}

/**
 * The JSON of a list item. Typed lists from the API server carry items without apiVersion/kind;
 * custom resource lists keep them. The cached JSON is sliced once and kept on the stored
 * object, so listing 10,000 objects is a string join.
 */
export function itemJson(
  so: { obj: KubeObject; json: string; item?: string },
  keepTypeMeta: boolean,
): string {
  if (keepTypeMeta) return so.json;
  if (so.item === undefined) {
    const { apiVersion, kind } = so.obj;
    const prefix = `{"apiVersion":${JSON.stringify(
      apiVersion,
    )},"kind":${JSON.stringify(kind)},`;
    so.item = so.json.startsWith(prefix)
      ? `{${so.json.slice(prefix.length)}`
      : so.json;
  }
  return so.item;
}

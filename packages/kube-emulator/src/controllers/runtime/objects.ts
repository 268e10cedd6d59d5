import type {
  KubernetesObject,
  V1OwnerReference,
} from '@kubernetes/client-node';

/** `namespace/name` (or `name` for cluster-scoped objects): the cache and work-queue key. */
export function objectKey(object: KubernetesObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : `${name}`;
}

/** Splits a key made by {@link objectKey}. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/**
 * Plain JSON of a client-node value. Typed client-node calls turn timestamps into `Date`s while
 * watch events carry strings; caching one shape keeps comparisons and patches simple.
 */
export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Milliseconds since the epoch of a timestamp given as string or Date; NaN when absent. */
export function toMillis(value: Date | string | undefined | null): number {
  if (value === undefined || value === null) return NaN;
  return new Date(value).getTime();
}

/**
 * The current time as the API server writes it (RFC 3339, whole seconds). Typed as Date because
 * client-node's models say so; its serializer passes strings through unchanged.
 */
export function timestamp(at: number = Date.now()): Date {
  return new Date(at)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z') as unknown as Date;
}

/** The owner reference a controller puts on the objects it creates. */
export function controllerRef(owner: {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; uid?: string };
}): V1OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The controlling owner reference of an object, if any. */
export function controllerOf(
  object: KubernetesObject,
): V1OwnerReference | undefined {
  return object.metadata?.ownerReferences?.find(ref => ref.controller);
}

/** Whether `object` is controlled by the owner with this uid. */
export function isControlledBy(
  object: KubernetesObject,
  ownerUid: string | undefined,
): boolean {
  return !!ownerUid && controllerOf(object)?.uid === ownerUid;
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A short hash in the alphabet Kubernetes uses for `pod-template-hash` and revision names
 * (FNV-1a 32 bit rendered with rand.SafeEncodeString), so names look like the real ones.
 */
export function templateHash(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(stableStringify(value))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [...String(hash)]
    .map(digit => SAFE_ALPHABET[digit.charCodeAt(0) % SAFE_ALPHABET.length])
    .join('');
}

/** A condition as the workload APIs carry them. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Date;
  lastUpdateTime?: Date;
  lastProbeTime?: Date | null;
}

/**
 * Returns `conditions` with `next` set: the transition time is kept when the status did not
 * change, as the real controllers do; `lastUpdateTime` (Deployments) moves on any change.
 */
export function setCondition<C extends Condition>(
  conditions: C[] | undefined,
  next: C,
  withUpdateTime = false,
): C[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex(c => c.type === next.type);
  const previous = index >= 0 ? list[index] : undefined;
  const now = timestamp();
  const unchanged =
    previous &&
    previous.status === next.status &&
    previous.reason === next.reason &&
    previous.message === next.message;
  const merged = {
    ...next,
    lastTransitionTime:
      previous && previous.status === next.status
        ? previous.lastTransitionTime
        : now,
    ...(withUpdateTime
      ? { lastUpdateTime: unchanged ? previous?.lastUpdateTime : now }
      : {}),
  } as C;
  if (index >= 0) list[index] = merged;
  else list.push(merged);
  return list;
}

/** The condition of a type, if present. */
export function findCondition<C extends { type: string }>(
  conditions: C[] | undefined,
  type: string,
): C | undefined {
  return conditions?.find(c => c.type === type);
}

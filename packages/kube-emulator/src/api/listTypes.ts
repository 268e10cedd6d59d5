/**
 * List semantics of the built-in schemas, the part of the OpenAPI extensions
 * (x-kubernetes-list-type / patchMergeKey / patchStrategy) that strategic merge patch
 * and server-side apply need. Lists not named here are atomic.
 */

/** How a list is merged: by key fields, as a set of scalars, or replaced whole. */
export type ListSemantics =
  | { type: 'map'; keys: string[]; mergeKey: string }
  | { type: 'set' }
  | { type: 'atomic' };

const byName = (): ListSemantics => ({
  type: 'map',
  keys: ['name'],
  mergeKey: 'name',
});

const TABLE: Record<string, () => ListSemantics> = {
  containers: byName,
  initContainers: byName,
  ephemeralContainers: byName,
  env: byName,
  volumes: byName,
  imagePullSecrets: byName,
  resourceClaims: byName,
  schedulingGates: byName,
  volumeMounts: () => ({
    type: 'map',
    keys: ['mountPath'],
    mergeKey: 'mountPath',
  }),
  volumeDevices: () => ({
    type: 'map',
    keys: ['devicePath'],
    mergeKey: 'devicePath',
  }),
  hostAliases: () => ({ type: 'map', keys: ['ip'], mergeKey: 'ip' }),
  podIPs: () => ({ type: 'map', keys: ['ip'], mergeKey: 'ip' }),
  hostIPs: () => ({ type: 'map', keys: ['ip'], mergeKey: 'ip' }),
  conditions: () => ({ type: 'map', keys: ['type'], mergeKey: 'type' }),
  ownerReferences: () => ({ type: 'map', keys: ['uid'], mergeKey: 'uid' }),
  topologySpreadConstraints: () => ({
    type: 'map',
    keys: ['topologyKey', 'whenUnsatisfiable'],
    mergeKey: 'topologyKey',
  }),
  finalizers: () => ({ type: 'set' }),
};

/**
 * The semantics of the list at `path` (field names only, no indexes) in an object of the given
 * kind. Custom resources only get the ObjectMeta lists.
 */
export function listSemantics(
  path: readonly string[],
  custom: boolean,
): ListSemantics {
  const field = path[path.length - 1];
  if (custom && path[0] !== 'metadata') return { type: 'atomic' };
  if (field === 'ports') {
    // Service ports merge by port, container ports by containerPort; both also key on protocol.
    if (
      path.length === 2 &&
      path[0] === 'spec' &&
      !path.includes('containers')
    ) {
      return { type: 'map', keys: ['port', 'protocol'], mergeKey: 'port' };
    }
    return {
      type: 'map',
      keys: ['containerPort', 'protocol'],
      mergeKey: 'containerPort',
    };
  }
  const entry = TABLE[field];
  return entry ? entry() : { type: 'atomic' };
}

/** Defaults that apply to list-map keys when an item omits them (SMD uses schema defaults). */
export function keyDefault(key: string): unknown {
  return key === 'protocol' ? 'TCP' : undefined;
}

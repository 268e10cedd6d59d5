import { keyOf, ResourceType } from '../api/resourceType';
import type { KubeObject } from '../types';
import type { StoredObject } from '../store/Store';
import {
  badRequest,
  conflict,
  forbiddenField,
  invalid,
  invalidValue,
} from '../server/errors';
import { clone, deepEqual, isObject } from '../util/json';
import { normalize } from '../store/serialize';
import {
  decodeManagedFields,
  encodeManagedFields,
  ManagerSet,
  recordUpdate,
} from '../fieldmanager/managedFields';
import type { FieldScope } from '../fieldmanager/fieldPaths';
import { Core, managerName, WriteOptions } from './Core';
import { specChanged, validateObject } from './objectChecks';

/** Options of an update. */
export interface UpdateOptions extends WriteOptions {
  /** Write through the status subresource (only status changes). */
  subresource?: 'status';
  /** Patches and applies act on the current version; a missing resourceVersion is never an error for them. */
  isPatch?: boolean;
  /** Ownership computed by server-side apply; replaces the Update bookkeeping. */
  sets?: ManagerSet[];
}

/** The field scope a write may own for a kind. */
export function scopeOf(rt: ResourceType, subresource?: string): FieldScope {
  if (subresource === 'status') return 'status';
  return rt.subresources.status ? 'main' : 'all';
}

function carryServerFields(next: KubeObject, old: KubeObject): void {
  const m = next.metadata;
  const o = old.metadata;
  m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  m.deletionTimestamp = o.deletionTimestamp;
  m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  m.generation = o.generation;
  if (o.generateName !== undefined && m.generateName === undefined)
    m.generateName = o.generateName;
  delete m.selfLink;
}

function checkPreconditions(
  core: Core,
  rt: ResourceType,
  next: KubeObject,
  current: StoredObject,
  isPatch: boolean,
): void {
  const name = current.obj.metadata.name!;
  const rv = next.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== String(current.rv))
    throw conflict(core.gr(rt), name);
  if (!rv && !rt.unconditionalUpdate && !isPatch) {
    throw invalid(rt.group, rt.kind, name, [
      invalidValue(
        'metadata.resourceVersion',
        '0x0',
        'must be specified for an update',
      ),
    ]);
  }
  const uid = next.metadata.uid;
  if (uid && uid !== current.obj.metadata.uid) {
    throw conflict(
      core.gr(rt),
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.obj.metadata.uid}`,
    );
  }
}

const ownershipKey = (sets: ManagerSet[]) =>
  JSON.stringify(
    sets
      .map(s => [
        s.manager,
        s.operation,
        s.apiVersion,
        s.subresource ?? '',
        [...s.paths].sort(),
      ])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );

/**
 * The base ownership for an update: the stored one, unless the request carries different
 * managedFields (which replace it, as the API server allows; `[{}]` clears them). Echoed
 * managedFields, whose timestamps a client may have reformatted, count as unchanged.
 */
function baseSets(next: KubeObject, old: KubeObject): ManagerSet[] {
  const stored = decodeManagedFields(old.metadata.managedFields);
  const requested = next.metadata.managedFields;
  if (!Array.isArray(requested) || requested.length === 0) return stored;
  const decoded = decodeManagedFields(requested);
  return ownershipKey(decoded) === ownershipKey(stored) ? stored : decoded;
}

/**
 * Updates an object with the generic registry's semantics: name/namespace checks, optimistic
 * concurrency (409), server fields preserved, status subresource isolation, defaulting,
 * validation (422), generation, managedFields, no-op detection and finalizer-driven deletion.
 * `next` is the complete new object (body of a PUT, or a patch result) and is owned by this call.
 */
export function updateObject(
  core: Core,
  rt: ResourceType,
  current: StoredObject,
  next: KubeObject,
  opts: UpdateOptions = {},
): StoredObject {
  const old = current.obj;
  const name = old.metadata.name!;
  if (!isObject(next.metadata)) next.metadata = {};
  if (next.metadata.name !== undefined && next.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  if (
    rt.namespaced &&
    next.metadata.namespace &&
    next.metadata.namespace !== old.metadata.namespace
  ) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  opts.admission?.beforeUpdate?.(next, old);
  checkPreconditions(core, rt, next, current, !!opts.isPatch);
  const sets = opts.sets ?? baseSets(next, old);

  let obj: KubeObject;
  if (opts.subresource === 'status') {
    // Only status changes through /status; everything else stays as stored.
    obj = clone(old);
    obj.status = next.status;
  } else {
    obj = next;
    obj.metadata.name = name;
    if (rt.namespaced) obj.metadata.namespace = old.metadata.namespace;
    if (rt.subresources.status) obj.status = clone(old.status);
    carryServerFields(obj, old);
  }
  obj.apiVersion = next.apiVersion ?? old.apiVersion;
  obj.kind = rt.kind;

  rt.strategy.defaults?.(obj);
  rt.strategy.prepareUpdate?.(obj, old);
  validateObject(rt, obj, opts.subresource === 'status' ? undefined : old);

  const oldFinalizers: string[] = old.metadata.finalizers ?? [];
  const added = (obj.metadata.finalizers ?? []).filter(
    (f: string) => !oldFinalizers.includes(f),
  );
  if (old.metadata.deletionTimestamp && added.length > 0) {
    throw invalid(rt.group, rt.kind, name, [
      forbiddenField(
        'metadata.finalizers',
        `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added
          .map(f => JSON.stringify(f))
          .join(', ')}}`,
      ),
    ]);
  }
  opts.admission?.validateUpdate?.(obj, old);
  if (rt.generation && specChanged(rt, obj, old))
    obj.metadata.generation = (old.metadata.generation ?? 0) + 1;

  const finalSets = opts.sets
    ? sets
    : recordUpdate(old, obj, sets, {
        manager: managerName(opts),
        apiVersion: obj.apiVersion!,
        subresource: opts.subresource,
        custom: !!rt.custom,
        scope: scopeOf(rt, opts.subresource),
      });
  delete obj.metadata.managedFields;
  const managed = encodeManagedFields(finalSets);
  if (managed) obj.metadata.managedFields = managed;
  obj.metadata.resourceVersion = old.metadata.resourceVersion;

  // A write that changes nothing is not persisted and keeps the resourceVersion.
  if (deepEqual(normalize(obj), old)) return current;
  if (opts.dryRun) {
    const n = normalize(obj);
    return { obj: n, json: JSON.stringify(n), rv: current.rv };
  }
  const key = keyOf(rt);
  const stored = core.store.update(key, obj);
  if (
    stored.obj.metadata.deletionTimestamp &&
    !(stored.obj.metadata.finalizers ?? []).length &&
    !pendingNamespace(stored.obj)
  ) {
    // The last finalizer is gone: the object is deleted now.
    return (
      core.store.delete(key, stored.obj.metadata.namespace ?? '', name) ??
      stored
    );
  }
  return stored;
}

/** Namespaces also wait for their spec finalizers (the namespace controller's). */
export function pendingNamespace(obj: KubeObject): boolean {
  return (
    obj.kind === 'Namespace' &&
    Array.isArray(obj.spec?.finalizers) &&
    obj.spec.finalizers.length > 0
  );
}

import { keyOf, ResourceType } from '../api/resourceType';
import type { KubeObject } from '../types';
import type { StoredObject } from '../store/Store';
import { badRequest, conflict, forbidden } from '../server/errors';
import { clone } from '../util/json';
import { rfc3339 } from '../util/time';
import { Core, WriteOptions } from './Core';
import { pendingNamespace } from './update';

/** metav1.DeleteOptions as the emulator honours them. */
export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: string;
  orphanDependents?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** The outcome: `deleted` when the object is gone, otherwise it waits for finalizers or a grace period. */
export interface DeleteResult {
  deleted: boolean;
  object: StoredObject;
}

export const ORPHAN = 'orphan';
export const FOREGROUND = 'foregroundDeletion';
export const CRD_CLEANUP = 'customresourcecleanup.apiextensions.k8s.io';
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);
const POLICIES = ['Orphan', 'Background', 'Foreground'];

/** Checks the delete options' preconditions (409 with the storage layer's wording). */
function checkPreconditions(
  core: Core,
  rt: ResourceType,
  so: StoredObject,
  opts: DeleteOptions,
): void {
  const p = opts.preconditions;
  const meta = so.obj.metadata;
  if (p?.uid && p.uid !== meta.uid) {
    throw conflict(
      core.gr(rt),
      meta.name!,
      `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${meta.uid}`,
    );
  }
  if (p?.resourceVersion && p.resourceVersion !== meta.resourceVersion) {
    throw conflict(
      core.gr(rt),
      meta.name!,
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`,
    );
  }
}

/** How long a pod is given to terminate, or 0 for immediate deletion (unscheduled or finished pods). */
function podGrace(obj: KubeObject, requested?: number): number {
  if (!obj.spec?.nodeName) return 0;
  const phase = obj.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, grace);
}

function policyFinalizer(
  rt: ResourceType,
  opts: DeleteOptions,
): string | undefined {
  if (
    opts.propagationPolicy !== undefined &&
    !POLICIES.includes(opts.propagationPolicy)
  ) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  const policy =
    opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : undefined);
  if (policy === 'Orphan') return ORPHAN;
  if (policy === 'Foreground') return FOREGROUND;
  if (rt.plural === 'customresourcedefinitions') return CRD_CLEANUP;
  return undefined;
}

/**
 * Deletes an object as the generic registry does: preconditions, graceful pod termination,
 * propagation policy finalizers (orphan / foregroundDeletion), and finalizers keeping the object
 * (with deletionTimestamp set) until they are removed.
 */
export function deleteObject(
  core: Core,
  rt: ResourceType,
  ns: string,
  name: string,
  opts: DeleteOptions = {},
): DeleteResult {
  const current = core.mustGet(rt, ns, name);
  checkPreconditions(core, rt, current, opts);
  if (
    rt.plural === 'namespaces' &&
    !rt.group &&
    IMMORTAL_NAMESPACES.has(name)
  ) {
    throw forbidden(core.gr(rt), name, 'this namespace may not be deleted');
  }
  opts.admission?.validateDelete?.(current.obj);
  const key = keyOf(rt);
  const obj = clone(current.obj);
  const meta = obj.metadata;
  let finalizers: string[] = [...(meta.finalizers ?? [])];
  const extra = policyFinalizer(rt, opts);
  if (extra === CRD_CLEANUP) {
    if (!finalizers.includes(extra)) finalizers.push(extra);
  } else if (extra) {
    // Orphan and Foreground replace each other, as the registry's deletion finalizer logic does.
    finalizers = [
      ...finalizers.filter(f => f !== ORPHAN && f !== FOREGROUND),
      extra,
    ];
  }

  const isPod = rt.plural === 'pods' && !rt.group;
  const grace = isPod
    ? podGrace(obj, opts.gracePeriodSeconds ?? meta.deletionGracePeriodSeconds)
    : 0;
  const alreadyDeleting = !!meta.deletionTimestamp;
  const mustWait = finalizers.length > 0 || grace > 0 || pendingNamespace(obj);

  if (!mustWait) {
    if (opts.dryRun) return { deleted: true, object: current };
    return {
      deleted: true,
      object: core.store.delete(key, meta.namespace ?? '', name)!,
    };
  }
  if (opts.dryRun) return { deleted: false, object: current };

  const changed =
    !alreadyDeleting ||
    JSON.stringify(finalizers) !== JSON.stringify(meta.finalizers ?? []) ||
    (isPod && grace < (meta.deletionGracePeriodSeconds ?? Infinity));
  if (!changed) return { deleted: false, object: current };
  const now = Date.now();
  if (!alreadyDeleting && meta.generation !== undefined) meta.generation += 1;
  meta.deletionTimestamp =
    alreadyDeleting && !isPod
      ? meta.deletionTimestamp
      : rfc3339(new Date(now + grace * 1000));
  meta.deletionGracePeriodSeconds = grace;
  meta.finalizers = finalizers.length ? finalizers : undefined;
  if (rt.plural === 'namespaces' && !rt.group)
    obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
  const stored = core.store.update(key, obj);
  if (isPod && grace > 0) {
    // Stand-in for the kubelet confirming termination when no kubelet does it first.
    const uid = meta.uid;
    core.later(grace * 1000, () => {
      const so = core.find(rt, ns, name);
      if (
        so &&
        so.obj.metadata.uid === uid &&
        !(so.obj.metadata.finalizers ?? []).length
      ) {
        core.store.delete(key, ns, name);
      }
    });
  }
  return { deleted: false, object: stored };
}

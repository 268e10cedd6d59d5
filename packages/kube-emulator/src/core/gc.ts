import type { StoreEvent } from '../store/Store';
import type { KubeObject } from '../types';
import type { ResourceType } from '../api/resourceType';
import { clone } from '../util/json';
import type { Core } from './Core';
import { deleteObject, FOREGROUND, ORPHAN } from './delete';
import { updateObject } from './update';

interface Ref {
  typeKey: string;
  ns: string;
  name: string;
}

const refId = (r: Ref) => `${r.typeKey}\u0000${r.ns}\u0000${r.name}`;
const MANAGER = { fieldManager: 'generic-garbage-collector' };

/**
 * The garbage collector: deletes dependents whose owners are gone (Background), deletes
 * dependents before their owner (Foreground, via the foregroundDeletion finalizer), and removes
 * owner references (Orphan, via the orphan finalizer). It reacts to store events like the real
 * controller reacts to its informers, and works on the next tick.
 */
export class GarbageCollector {
  private readonly byUid = new Map<string, Ref>();
  private readonly dependents = new Map<string, Map<string, Ref>>();

  constructor(private readonly core: Core) {}

  /** Indexes existing objects (after a snapshot load). */
  prime(): void {
    for (const [typeKey, so] of this.core.store.entries())
      this.index(typeKey, so.obj);
  }

  private index(typeKey: string, obj: KubeObject): void {
    const ref = {
      typeKey,
      ns: obj.metadata.namespace ?? '',
      name: obj.metadata.name!,
    };
    this.byUid.set(obj.metadata.uid!, ref);
    for (const o of obj.metadata.ownerReferences ?? []) {
      let m = this.dependents.get(o.uid);
      if (!m) this.dependents.set(o.uid, (m = new Map()));
      m.set(refId(ref), ref);
    }
  }

  private unindex(typeKey: string, obj: KubeObject, keepUid: boolean): void {
    const ref = {
      typeKey,
      ns: obj.metadata.namespace ?? '',
      name: obj.metadata.name!,
    };
    if (!keepUid) this.byUid.delete(obj.metadata.uid!);
    for (const o of obj.metadata.ownerReferences ?? []) {
      const m = this.dependents.get(o.uid);
      m?.delete(refId(ref));
      if (m && m.size === 0) this.dependents.delete(o.uid);
    }
  }

  onEvent(ev: StoreEvent): void {
    const obj = ev.object.obj;
    if (ev.prev) this.unindex(ev.typeKey, ev.prev.obj, ev.type !== 'DELETED');
    if (ev.type === 'DELETED') {
      this.byUid.delete(obj.metadata.uid!);
      const uid = obj.metadata.uid!;
      // Dependents of a vanished owner are collected; owners waiting on this dependent re-check.
      for (const dep of this.dependents.get(uid)?.values() ?? [])
        this.core.enqueue(() => this.attemptToDelete(dep));
      for (const o of obj.metadata.ownerReferences ?? [])
        this.core.enqueue(() => this.processOwner(o.uid));
      return;
    }
    this.index(ev.typeKey, obj);
    const fin = obj.metadata.finalizers ?? [];
    if (
      obj.metadata.deletionTimestamp &&
      (fin.includes(FOREGROUND) || fin.includes(ORPHAN))
    ) {
      this.core.enqueue(() => this.processOwner(obj.metadata.uid!));
    }
    for (const o of obj.metadata.ownerReferences ?? []) {
      if (!this.byUid.has(o.uid)) {
        const ref = {
          typeKey: ev.typeKey,
          ns: obj.metadata.namespace ?? '',
          name: obj.metadata.name!,
        };
        this.core.enqueue(() => this.attemptToDelete(ref));
      }
    }
  }

  private rt(typeKey: string): ResourceType | undefined {
    return this.core.registry.byTypeKey(typeKey);
  }

  private load(ref: Ref): { rt: ResourceType; obj: KubeObject } | undefined {
    const rt = this.rt(ref.typeKey);
    const so = rt && this.core.store.get(ref.typeKey, ref.ns, ref.name);
    return rt && so ? { rt, obj: so.obj } : undefined;
  }

  private ownerState(uid: string): 'dangling' | 'waiting' | 'solid' {
    const ref = this.byUid.get(uid);
    const owner = ref && this.load(ref);
    if (!owner) return 'dangling';
    const fin = owner.obj.metadata.finalizers ?? [];
    return owner.obj.metadata.deletionTimestamp && fin.includes(FOREGROUND)
      ? 'waiting'
      : 'solid';
  }

  /** attemptToDeleteItem: delete a dependent that has no solid owner left, or drop its dangling references. */
  private attemptToDelete(ref: Ref): void {
    const item = this.load(ref);
    if (!item || item.obj.metadata.deletionTimestamp) return;
    const owners = item.obj.metadata.ownerReferences ?? [];
    if (owners.length === 0) return;
    const states = owners.map(o => this.ownerState(o.uid));
    if (states.includes('solid')) {
      if (!states.includes('dangling')) return;
      const keep = owners.filter((_, i) => states[i] !== 'dangling');
      this.patchOwners(ref, item.rt, keep);
      return;
    }
    const waiting = states.includes('waiting');
    const hasDependents =
      (this.dependents.get(item.obj.metadata.uid!)?.size ?? 0) > 0;
    const fin = item.obj.metadata.finalizers ?? [];
    let policy = 'Background';
    if (fin.includes(ORPHAN)) policy = 'Orphan';
    else if ((waiting && hasDependents) || fin.includes(FOREGROUND))
      policy = 'Foreground';
    deleteObject(this.core, item.rt, ref.ns, ref.name, {
      ...MANAGER,
      propagationPolicy: policy,
      preconditions: { uid: item.obj.metadata.uid },
    });
  }

  private patchOwners(
    ref: Ref,
    rt: ResourceType,
    owners: KubeObject['metadata']['ownerReferences'],
  ): void {
    const so = this.core.store.get(ref.typeKey, ref.ns, ref.name);
    if (!so) return;
    const next = clone(so.obj);
    next.metadata.ownerReferences =
      owners && owners.length ? owners : undefined;
    updateObject(this.core, rt, so, next, { ...MANAGER, isPatch: true });
  }

  private removeFinalizer(ref: Ref, rt: ResourceType, finalizer: string): void {
    const so = this.core.store.get(ref.typeKey, ref.ns, ref.name);
    if (!so || !(so.obj.metadata.finalizers ?? []).includes(finalizer)) return;
    const next = clone(so.obj);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
      (f: string) => f !== finalizer,
    );
    updateObject(this.core, rt, so, next, { ...MANAGER, isPatch: true });
  }

  /** Handles an owner being deleted with the Foreground or Orphan policy. */
  private processOwner(uid: string): void {
    const ref = this.byUid.get(uid);
    const owner = ref && this.load(ref);
    if (!ref || !owner || !owner.obj.metadata.deletionTimestamp) return;
    const fin = owner.obj.metadata.finalizers ?? [];
    const deps = [...(this.dependents.get(uid)?.values() ?? [])];
    if (fin.includes(ORPHAN)) {
      for (const d of deps) {
        const dep = this.load(d);
        if (dep)
          this.patchOwners(
            d,
            dep.rt,
            (dep.obj.metadata.ownerReferences ?? []).filter(o => o.uid !== uid),
          );
      }
      this.removeFinalizer(ref, owner.rt, ORPHAN);
      return;
    }
    if (!fin.includes(FOREGROUND)) return;
    let blocking = 0;
    for (const d of deps) {
      const dep = this.load(d);
      if (!dep) continue;
      if (!dep.obj.metadata.deletionTimestamp) this.attemptToDelete(d);
      const still = this.load(d);
      const blocks = still?.obj.metadata.ownerReferences?.some(
        o => o.uid === uid && o.blockOwnerDeletion,
      );
      if (blocks) blocking++;
    }
    if (blocking === 0) this.removeFinalizer(ref, owner.rt, FOREGROUND);
  }
}

import type { StoreEvent } from '../store/Store';
import type { KubeObject } from '../types';
import { keyOf } from '../api/resourceType';
import { resourceTypeFromCrd } from '../api/crds';
import { clone } from '../util/json';
import { rfc3339 } from '../util/time';
import type { Core } from './Core';
import { CRD_CLEANUP, deleteObject } from './delete';
import { updateObject } from './update';

const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';
const MANAGER = { fieldManager: 'kube-apiserver' };

/**
 * The apiextensions controllers: a CRD's resource is served as soon as the CRD is stored
 * (then NamesAccepted/Established conditions are written), and a deleted CRD has all its
 * custom resources removed before it goes away and stops being served.
 */
export class CrdLifecycle {
  constructor(
    private readonly core: Core,
    private readonly onRemoved: (typeKey: string) => void,
  ) {}

  /** Serves every stored CRD (after a snapshot load). */
  prime(): void {
    for (const so of this.core.store.list(CRD_KEY)) this.serve(so.obj);
  }

  onEvent(ev: StoreEvent): void {
    if (ev.typeKey !== CRD_KEY) return;
    const crd = ev.object.obj;
    const name = crd.metadata.name!;
    if (ev.type === 'DELETED') {
      const key = this.core.registry.unregisterCustom(name);
      if (key) {
        this.core.store.dropType(key);
        this.onRemoved(key);
      }
      return;
    }
    if (crd.metadata.deletionTimestamp) {
      this.core.enqueue(() => this.cleanup(name));
      return;
    }
    this.serve(crd);
    if (!this.established(crd))
      this.core.enqueue(() => this.markEstablished(name));
  }

  private serve(crd: KubeObject): void {
    const rt = resourceTypeFromCrd(crd);
    if (rt) this.core.registry.registerCustom(crd.metadata.name!, rt);
  }

  private established(crd: KubeObject): boolean {
    return (crd.status?.conditions ?? []).some(
      (c: any) => c.type === 'Established' && c.status === 'True',
    );
  }

  private markEstablished(name: string): void {
    const rt = this.core.registry.byTypeKey(CRD_KEY)!;
    const so = this.core.find(rt, '', name);
    if (!so || so.obj.metadata.deletionTimestamp || this.established(so.obj))
      return;
    const next = clone(so.obj);
    const now = rfc3339();
    const names = next.spec?.names ?? {};
    next.status = {
      ...(next.status ?? {}),
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: now,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: now,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      acceptedNames: {
        plural: names.plural,
        singular: names.singular,
        kind: names.kind,
        listKind: names.listKind,
        ...(names.shortNames ? { shortNames: names.shortNames } : {}),
        ...(names.categories ? { categories: names.categories } : {}),
      },
    };
    updateObject(this.core, rt, so, next, {
      ...MANAGER,
      subresource: 'status',
    });
  }

  /** The finalizer controller: delete all instances, then release the CRD. */
  private cleanup(name: string): void {
    const crdType = this.core.registry.byTypeKey(CRD_KEY)!;
    const so = this.core.find(crdType, '', name);
    if (!so?.obj.metadata.deletionTimestamp) return;
    const rt = resourceTypeFromCrd(so.obj);
    if (rt) {
      const served = this.core.registry.byTypeKey(keyOf(rt));
      for (const item of this.core.store.list(keyOf(rt))) {
        if (served && !item.obj.metadata.deletionTimestamp) {
          deleteObject(
            this.core,
            served,
            item.obj.metadata.namespace ?? '',
            item.obj.metadata.name!,
            MANAGER,
          );
        }
      }
    }
    if (rt && this.core.store.count(keyOf(rt)) > 0) {
      // Instances with finalizers of their own hold the CRD; retry when they change.
      this.core.later(100, () => this.cleanup(name));
      return;
    }
    const fresh = this.core.find(crdType, '', name)!;
    const next = clone(fresh.obj);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
      (f: string) => f !== CRD_CLEANUP,
    );
    updateObject(this.core, crdType, fresh, next, MANAGER);
  }
}

import type { StoreEvent } from '../store/Store';
import { keyOf } from '../api/resourceType';
import { clone } from '../util/json';
import { randomToken } from '../util/ids';
import type { Core } from './Core';
import { deleteObject } from './delete';
import { updateObject } from './update';
import { createObject } from './create';

const MANAGER = { fieldManager: 'kube-controller-manager' };
const NAMESPACE_CLEANUP_DELAY_MS = 300;

/**
 * The namespace controller and its neighbours: a Terminating namespace has its contents
 * deleted, then its `kubernetes` finalizer removed so it disappears; new namespaces get their
 * `default` ServiceAccount; service-account-token Secrets get a token.
 */
export class NamespaceLifecycle {
  private readonly terminatingSince = new Map<string, number>();

  constructor(
    private readonly core: Core,
    private readonly onToken: (token: string, ns: string, sa: string) => void,
  ) {}

  /** Picks up state restored from a snapshot: tokens of token Secrets, namespaces mid-termination. */
  prime(): void {
    for (const so of this.core.store.list('secrets')) this.indexSecret(so.obj);
    for (const so of this.core.store.list('namespaces')) {
      if (so.obj.metadata.deletionTimestamp)
        this.core.enqueue(() => this.finalize(so.obj.metadata.name!));
    }
  }

  onEvent(ev: StoreEvent): void {
    const obj = ev.object.obj;
    if (ev.typeKey === 'namespaces') {
      if (ev.type === 'ADDED' && !obj.metadata.deletionTimestamp) {
        this.core.enqueue(() =>
          this.ensureDefaultServiceAccount(obj.metadata.name!),
        );
      }
      if (ev.type !== 'DELETED' && obj.metadata.deletionTimestamp) {
        this.core.enqueue(() => this.finalize(obj.metadata.name!));
      }
      return;
    }
    const ns = obj.metadata.namespace;
    if (ev.type === 'DELETED' && ns) {
      const namespace = this.core.namespace(ns);
      if (namespace?.metadata.deletionTimestamp)
        this.core.enqueue(() => this.finalize(ns));
    }
    if (ev.typeKey === 'secrets' && ev.type !== 'DELETED')
      this.indexSecret(obj);
  }

  private ensureDefaultServiceAccount(ns: string): void {
    const rt = this.core.registry.byTypeKey('serviceaccounts')!;
    const namespace = this.core.namespace(ns);
    if (
      !namespace ||
      namespace.metadata.deletionTimestamp ||
      this.core.find(rt, ns, 'default')
    )
      return;
    createObject(
      this.core,
      rt,
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: ns },
      },
      MANAGER,
    );
  }

  /** Deletes everything in a terminating namespace; once empty, removes its finalizer so it goes away. */
  private finalize(ns: string): void {
    const nsType = this.core.registry.byTypeKey('namespaces')!;
    const current = this.core.find(nsType, '', ns);
    if (!current?.obj.metadata.deletionTimestamp) {
      this.terminatingSince.delete(ns);
      return;
    }
    // Like the real controller (which first rediscovers every resource), start a moment after the
    // delete, so `kubectl delete -f` can still delete the namespace's objects itself.
    const since = this.terminatingSince.get(ns) ?? Date.now();
    this.terminatingSince.set(ns, since);
    const wait = since + NAMESPACE_CLEANUP_DELAY_MS - Date.now();
    if (wait > 0) {
      this.core.later(wait, () => this.finalize(ns));
      return;
    }
    const types = this.core.registry
      .all()
      .filter(rt => rt.namespaced && !rt.createOnly);
    for (const rt of types) {
      for (const so of this.core.store.list(keyOf(rt), ns)) {
        if (!so.obj.metadata.deletionTimestamp) {
          deleteObject(this.core, rt, ns, so.obj.metadata.name!, {
            ...MANAGER,
            propagationPolicy: 'Background',
          });
        }
      }
    }
    // Whatever waits for finalizers or a grace period keeps the namespace; its deletion re-triggers this.
    if (types.some(rt => this.core.store.list(keyOf(rt), ns).length > 0))
      return;
    const fresh = this.core.find(nsType, '', ns)!;
    const next = clone(fresh.obj);
    next.spec = { ...(next.spec ?? {}), finalizers: [] };
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    // The finalize subresource: spec.finalizers emptied; with no metadata finalizers the namespace is gone.
    updateObject(this.core, nsType, fresh, next, MANAGER);
    const after = this.core.find(nsType, '', ns);
    if (after && !(after.obj.metadata.finalizers ?? []).length) {
      this.core.store.delete('namespaces', '', ns);
    }
    this.terminatingSince.delete(ns);
  }

  /** The token controller: fills data.token of service-account-token Secrets and registers the token. */
  private indexSecret(obj: import('../types').KubeObject): void {
    if (obj.type !== 'kubernetes.io/service-account-token') return;
    const sa = obj.metadata.annotations?.['kubernetes.io/service-account.name'];
    const ns = obj.metadata.namespace!;
    if (!sa) return;
    const existing = obj.data?.token;
    if (existing) {
      this.onToken(Buffer.from(existing, 'base64').toString('utf8'), ns, sa);
      return;
    }
    this.core.enqueue(() => {
      const rt = this.core.registry.byTypeKey('secrets')!;
      const so = this.core.find(rt, ns, obj.metadata.name!);
      if (!so || so.obj.data?.token) return;
      const next = clone(so.obj);
      const token = randomToken();
      next.data = {
        ...(next.data ?? {}),
        token: Buffer.from(token).toString('base64'),
        namespace: Buffer.from(ns).toString('base64'),
      };
      updateObject(this.core, rt, so, next, MANAGER);
    });
  }
}

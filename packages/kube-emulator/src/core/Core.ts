import { Store, StoredObject } from '../store/Store';
import { ResourceRegistry } from '../api/registry';
import { keyOf, ResourceType, StrategyContext } from '../api/resourceType';
import { GroupResource, notFound } from '../server/errors';
import type { KubeObject } from '../types';

/** How a write identifies itself (field manager, dry run). */
export interface WriteOptions {
  /** `fieldManager` query parameter. */
  fieldManager?: string;
  /** The request's User-Agent, used for the default field manager. */
  userAgent?: string;
  /** `dryRun=All`: run every step but do not persist. */
  dryRun?: boolean;
  /** Request-level checks run inside the write (RBAC escalation prevention, create-on-patch authorization). */
  admission?: WriteAdmission;
}

/** Checks a request adds to a write, at the points the API server's storage runs them. */
export interface WriteAdmission {
  /** On the decoded object of a create, before it is prepared and validated. */
  beforeCreate?(obj: KubeObject): void;
  /** On the new object of an update (or patch result), before it is prepared and validated. */
  beforeUpdate?(obj: KubeObject, old: KubeObject): void;
  /** After a create's validation, before it is stored. */
  validateCreate?(obj: KubeObject): void;
  /** After an update's validation, before it is stored (or found to change nothing). */
  validateUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Before an object is deleted (or marked for deletion), once preconditions hold. */
  validateDelete?(old: KubeObject): void;
}

/** A unit of deferred control-plane work (garbage collection, namespace cleanup, ...). */
export type Work = () => void;

/**
 * The API server's storage-facing core: the store, the served resources and the shared
 * allocators. Create/update/delete semantics live in the functions of this folder.
 */
export class Core {
  private nextIp = 1;
  private nextNodePort = 30000;
  private readonly queue: Work[] = [];
  private scheduled = false;
  private closed = false;
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly store: Store, readonly registry: ResourceRegistry) {}

  readonly strategyContext: StrategyContext = {
    allocateClusterIP: () => {
      const n = this.nextIp++;
      return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
    },
    allocateNodePort: () => {
      const p = this.nextNodePort++;
      if (this.nextNodePort > 32767) this.nextNodePort = 30000;
      return p;
    },
  };

  gr(rt: ResourceType): GroupResource {
    return { group: rt.group, resource: rt.plural };
  }

  /** The stored object or a 404 Status error. */
  mustGet(rt: ResourceType, ns: string, name: string): StoredObject {
    const so = this.store.get(keyOf(rt), rt.namespaced ? ns : '', name);
    if (!so) throw notFound(this.gr(rt), name);
    return so;
  }

  find(rt: ResourceType, ns: string, name: string): StoredObject | undefined {
    return this.store.get(keyOf(rt), rt.namespaced ? ns : '', name);
  }

  namespace(name: string): KubeObject | undefined {
    return this.store.get('namespaces', '', name)?.obj;
  }

  /** Queues control-plane work to run after the current request, like a controller reacting to a watch. */
  enqueue(work: Work): void {
    if (this.closed) return;
    this.queue.push(work);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    let n = 0;
    while (this.queue.length && n++ < 500 && !this.closed) {
      const work = this.queue.shift()!;
      try {
        work();
      } catch {
        // A controller step that fails (e.g. the object changed meanwhile) is simply dropped; the next event retries.
      }
    }
    if (this.queue.length && !this.closed) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Runs work after a delay (graceful deletion deadlines). */
  later(ms: number, work: Work): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.enqueue(work);
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
  }
}

/** The default field manager: the User-Agent up to the first '/', as the API server derives it. */
export function managerName(opts: WriteOptions): string {
  if (opts.fieldManager) return opts.fieldManager;
  const ua = (opts.userAgent ?? '').split('/')[0].trim();
  return (ua || 'unknown').slice(0, 128);
}

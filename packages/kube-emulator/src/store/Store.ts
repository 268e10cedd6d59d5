import type { KubeObject } from '../types';
import { EventHistory } from './history';
import { normalize } from './serialize';

/** One stored object version: the object (never mutated once stored) and its JSON. */
export interface StoredObject {
  readonly obj: KubeObject;
  readonly json: string;
  readonly rv: number;
  /** The list-item form of `json`, computed on first use (see itemJson). */
  item?: string;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change, as watches see it. */
export interface StoreEvent {
  type: EventType;
  typeKey: string;
  rv: number;
  object: StoredObject;
  /** The previous version (MODIFIED, DELETED). */
  prev?: StoredObject;
}

export type StoreListener = (ev: StoreEvent) => void;

const nsOf = (obj: KubeObject) => obj.metadata.namespace ?? '';

class Bucket {
  readonly byNs = new Map<string, Map<string, StoredObject>>();
  count = 0;
  /** rv of the last write to this resource; lists at or after it see the same data. */
  lastWrite = 0;
  private sortedAll: Array<[string, string]> | null = null;
  private sortedNs = new Map<string, string[]>();

  constructor(readonly history: EventHistory) {}

  get(ns: string, name: string): StoredObject | undefined {
    return this.byNs.get(ns)?.get(name);
  }

  set(ns: string, name: string, so: StoredObject): boolean {
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    const isNew = !m.has(name);
    m.set(name, so);
    if (isNew) {
      this.count++;
      this.invalidate(ns);
    }
    return isNew;
  }

  remove(ns: string, name: string): void {
    const m = this.byNs.get(ns);
    if (!m?.delete(name)) return;
    this.count--;
    if (m.size === 0) this.byNs.delete(ns);
    this.invalidate(ns);
  }

  private invalidate(ns: string): void {
    this.sortedAll = null;
    this.sortedNs.delete(ns);
  }

  /** Objects sorted by namespace then name (etcd key order); sorted key lists are cached between adds/removes. */
  list(ns?: string): StoredObject[] {
    if (ns !== undefined) {
      const m = this.byNs.get(ns);
      if (!m) return [];
      let names = this.sortedNs.get(ns);
      if (!names) this.sortedNs.set(ns, (names = [...m.keys()].sort()));
      return names.map(n => m.get(n)!);
    }
    if (!this.sortedAll) {
      // etcd orders by the full key ("<ns>/<name>"), which is not the same as (ns, name) order.
      const keys: Array<[string, string, string]> = [];
      for (const [n, m] of this.byNs)
        for (const name of m.keys()) keys.push([`${n}/${name}`, n, name]);
      keys.sort((a, b) => (a[0] < b[0] ? -1 : Number(a[0] > b[0])));
      this.sortedAll = keys.map(k => [k[1], k[2]]);
    }
    return this.sortedAll.map(([n, name]) => this.byNs.get(n)!.get(name)!);
  }
}

/**
 * The object store: one global, monotonically increasing resourceVersion across all
 * resources (like etcd's revision), per-resource event windows for watch resumption, and
 * synchronous listeners. It enforces no API semantics; the registry layer does.
 */
export class Store {
  private rv = 0;
  private compactedAt = 0;
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly historySize = 2000) {}

  /** The latest committed resourceVersion. */
  currentRv(): number {
    return this.rv;
  }

  private bucket(typeKey: string): Bucket {
    let b = this.buckets.get(typeKey);
    // A resource seen for the first time has lost no events since the last compaction.
    if (!b)
      this.buckets.set(
        typeKey,
        (b = new Bucket(new EventHistory(this.historySize, this.compactedAt))),
      );
    return b;
  }

  get(typeKey: string, ns: string, name: string): StoredObject | undefined {
    return this.buckets.get(typeKey)?.get(ns, name);
  }

  /** Objects of a resource (optionally one namespace) in key order. */
  list(typeKey: string, ns?: string): StoredObject[] {
    return this.buckets.get(typeKey)?.list(ns) ?? [];
  }

  count(typeKey: string): number {
    return this.buckets.get(typeKey)?.count ?? 0;
  }

  /** Namespaces that hold at least one object of the resource. */
  namespacesOf(typeKey: string): string[] {
    return [...(this.buckets.get(typeKey)?.byNs.keys() ?? [])];
  }

  lastWrite(typeKey: string): number {
    return this.buckets.get(typeKey)?.lastWrite ?? 0;
  }

  typeKeys(): string[] {
    return [...this.buckets.keys()];
  }

  /** Events of a resource after rv, or undefined if rv is older than the kept window. */
  eventsSince(typeKey: string, rv: number): StoreEvent[] | undefined {
    return this.bucket(typeKey).history.since(rv);
  }

  /** The oldest resumable resourceVersion of a resource. */
  historyFloor(typeKey: string): number {
    return this.bucket(typeKey).history.floor;
  }

  /** Drops the event windows of every resource, as an etcd compaction would. */
  compact(): void {
    this.compactedAt = this.rv;
    for (const b of this.buckets.values()) b.history.compact(this.rv);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private seal(obj: KubeObject, rv: number): StoredObject {
    obj.metadata.resourceVersion = String(rv);
    const normalized = normalize(obj);
    return { obj: normalized, json: JSON.stringify(normalized), rv };
  }

  private emit(b: Bucket, ev: StoreEvent): void {
    b.lastWrite = ev.rv;
    b.history.push(ev);
    for (const l of this.listeners) {
      try {
        l(ev);
      } catch {
        // A failing listener (watch socket, controller) must never undo or break a committed write.
      }
    }
  }

  /** Stores a new object (the caller hands over ownership of `obj`). */
  create(typeKey: string, obj: KubeObject): StoredObject {
    const b = this.bucket(typeKey);
    const so = this.seal(obj, ++this.rv);
    b.set(nsOf(so.obj), so.obj.metadata.name!, so);
    this.emit(b, { type: 'ADDED', typeKey, rv: so.rv, object: so });
    return so;
  }

  /** Replaces an existing object. */
  update(typeKey: string, obj: KubeObject): StoredObject {
    const b = this.bucket(typeKey);
    const prev = b.get(nsOf(obj), obj.metadata.name!);
    const so = this.seal(obj, ++this.rv);
    b.set(nsOf(so.obj), so.obj.metadata.name!, so);
    this.emit(b, {
      type: prev ? 'MODIFIED' : 'ADDED',
      typeKey,
      rv: so.rv,
      object: so,
      prev,
    });
    return so;
  }

  /** Removes an object; the DELETED event carries its last state at the deletion's resourceVersion. */
  delete(typeKey: string, ns: string, name: string): StoredObject | undefined {
    const b = this.buckets.get(typeKey);
    const prev = b?.get(ns, name);
    if (!b || !prev) return undefined;
    b.remove(ns, name);
    const last = JSON.parse(prev.json) as KubeObject;
    const so = this.seal(last, ++this.rv);
    this.emit(b, { type: 'DELETED', typeKey, rv: so.rv, object: so, prev });
    return so;
  }

  /** Loads an object as-is (snapshot restore): no event, its resourceVersion is kept. */
  restore(typeKey: string, obj: KubeObject): void {
    const rv = Number(obj.metadata.resourceVersion) || ++this.rv;
    if (rv > this.rv) this.rv = rv;
    const b = this.bucket(typeKey);
    const normalized = normalize(obj);
    normalized.metadata.resourceVersion = String(rv);
    b.set(nsOf(normalized), normalized.metadata.name!, {
      obj: normalized,
      json: JSON.stringify(normalized),
      rv,
    });
    b.history.compact(this.rv);
  }

  /** Forgets a resource entirely (its CRD is gone). */
  dropType(typeKey: string): void {
    this.buckets.delete(typeKey);
  }

  /** Every stored object, for snapshots. */
  *entries(): Generator<[string, StoredObject]> {
    for (const [key, b] of this.buckets)
      for (const so of b.list()) yield [key, so];
  }
}

import type { Store, StoredObject } from '../store/Store';
import { badRequest, expired } from './errors';

interface Snapshot {
  items: StoredObject[];
  keys: string[];
  created: number;
}

/** A page of a list. */
export interface Page {
  items: StoredObject[];
  resourceVersion: number;
  continueToken?: string;
  remainingItemCount?: number;
}

const EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const keyOf = (so: StoredObject) => {
  const m = so.obj.metadata;
  return m.namespace ? `${m.namespace}/${m.name}` : m.name!;
};

/** Encodes a continue token the way the etcd3 storage does: base64 JSON {v, rv, start}. */
export function encodeContinue(rv: number, start: string): string {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }),
  ).toString('base64');
}

function decodeContinue(token: string): { rv: number; start: string } {
  let parsed: any;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch (e) {
    throw badRequest(
      `invalid continue token: continue key is not valid: ${
        (e as Error).message
      }`,
    );
  }
  if (
    parsed?.v !== 'meta.k8s.io/v1' ||
    typeof parsed.rv !== 'number' ||
    typeof parsed.start !== 'string'
  ) {
    throw badRequest(
      'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return { rv: parsed.rv, start: parsed.start };
}

/**
 * `limit`/`continue` paging over a consistent snapshot. The first page keeps the (already sorted)
 * object references of the resource at its resourceVersion; later pages read from that snapshot.
 * Snapshots expire after `ttlMs` (like etcd compaction); an expired token gets 410 Expired with a
 * token for an inconsistent continuation, as the real server answers.
 */
export class Pager {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly store: Store,
    public ttlMs: number,
    private readonly maxSnapshots = 64,
  ) {}

  private purge(now: number): void {
    for (const [k, s] of this.snapshots)
      if (now - s.created > this.ttlMs) this.snapshots.delete(k);
    while (this.snapshots.size > this.maxSnapshots)
      this.snapshots.delete(this.snapshots.keys().next().value!);
  }

  /** Drops every snapshot (outstanding continue tokens expire unless nothing changed). */
  expireAll(): void {
    this.snapshots.clear();
  }

  private snapshot(typeKey: string, ns: string, now: number): Snapshot {
    const items = this.store.list(typeKey, ns || undefined);
    return { items, keys: items.map(keyOf), created: now };
  }

  /**
   * One page of the objects matching `filter`, resuming from `token`; without `limit`, everything
   * from the current state.
   */
  page(
    typeKey: string,
    ns: string,
    filter: (so: StoredObject) => boolean,
    limit: number,
    token: string | undefined,
    filtered: boolean,
  ): Page {
    const now = Date.now();
    this.purge(now);
    let rv = this.store.currentRv();
    let start = '';
    let snap: Snapshot | undefined;
    if (token) {
      const c = decodeContinue(token);
      start = c.start;
      if (c.rv >= 0) {
        snap = this.snapshots.get(`${typeKey}@${ns}@${c.rv}`);
        if (!snap && this.store.lastWrite(typeKey) <= c.rv)
          snap = this.snapshot(typeKey, ns, now);
        if (!snap)
          throw expired(EXPIRED_MESSAGE, {
            continue: encodeContinue(-1, start),
          });
        rv = c.rv;
      }
    }
    if (!limit || limit <= 0) {
      const all = (
        snap?.items ?? this.store.list(typeKey, ns || undefined)
      ).filter(so => (!start || keyOf(so) >= start) && filter(so));
      return { items: all, resourceVersion: rv };
    }
    snap ??= this.snapshot(typeKey, ns, now);
    let i = 0;
    if (start) {
      let lo = 0;
      let hi = snap.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (snap.keys[mid] < start) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    const items: StoredObject[] = [];
    for (; i < snap.items.length && items.length < limit; i++)
      if (filter(snap.items[i])) items.push(snap.items[i]);
    if (i >= snap.items.length) return { items, resourceVersion: rv };
    const last = keyOf(
      items.length ? items[items.length - 1] : snap.items[i - 1],
    );
    // Continuing needs this snapshot; only objects are referenced, never copied.
    this.snapshots.set(`${typeKey}@${ns}@${rv}`, snap);
    const page: Page = {
      items,
      resourceVersion: rv,
      continueToken: encodeContinue(rv, `${last}\u0000`),
    };
    if (!filtered) page.remainingItemCount = snap.items.length - i;
    return page;
  }
}

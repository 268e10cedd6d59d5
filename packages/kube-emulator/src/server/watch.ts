import type { ServerResponse } from 'node:http';
import type { Store, StoreEvent, StoredObject } from '../store/Store';
import type { ResourceType } from '../api/resourceType';
import { keyOf } from '../api/resourceType';
import { expired } from './errors';

/** What a watch is interested in. */
export interface WatchSpec {
  rt: ResourceType;
  /** The apiVersion objects are sent at (custom resources may be watched at any served version). */
  apiVersion: string;
  namespace: string;
  matches: (so: StoredObject) => boolean;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  cutAfterEvents?: number;
  /** Custom rendering of event objects (server-side printing sends Tables). */
  render?: (so: StoredObject) => string;
}

interface Watcher {
  spec: WatchSpec;
  res: ServerResponse;
  sent: number;
  closed: boolean;
  timers: NodeJS.Timeout[];
}

// Beyond this much unsent data the client is too slow; the watch is closed, as the watch cache does.
const MAX_BUFFERED = 32 * 1024 * 1024;

/** Re-labels an object's JSON with the apiVersion it is served at (custom resources' versions share storage). */
export function atVersion(so: StoredObject, apiVersion: string): string {
  if (so.obj.apiVersion === apiVersion) return so.json;
  const prefix = `{"apiVersion":${JSON.stringify(so.obj.apiVersion)},`;
  return so.json.startsWith(prefix)
    ? `{"apiVersion":${JSON.stringify(apiVersion)},${so.json.slice(
        prefix.length,
      )}`
    : so.json;
}

/** The event a watcher sees for a store event: objects entering or leaving its selection are ADDED/DELETED. */
function classify(ev: StoreEvent, spec: WatchSpec): string | undefined {
  if (
    spec.namespace &&
    (ev.object.obj.metadata.namespace ?? '') !== spec.namespace
  )
    return undefined;
  const now = ev.type !== 'DELETED' && spec.matches(ev.object);
  const before = !!ev.prev && spec.matches(ev.prev);
  if (ev.type === 'ADDED') return now ? 'ADDED' : undefined;
  if (ev.type === 'DELETED') return before ? 'DELETED' : undefined;
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

function line(type: string, json: string): string {
  return `{"type":"${type}","object":${json}}\n`;
}

/**
 * Watch streams: newline-delimited JSON events over a chunked response, fed synchronously from
 * store events. Selector watches see objects entering (ADDED) and leaving (DELETED) their
 * selection, as the watch cache reports them.
 */
export class WatchHub {
  private readonly byType = new Map<string, Set<Watcher>>();
  // One rendered line per event and type, shared by every watcher: 100 watchers cost one stringify.
  private lastEvent?: StoreEvent;
  private lastLines = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly bookmarkIntervalMs: number,
  ) {
    store.subscribe(ev => this.dispatch(ev));
  }

  private render(ev: StoreEvent, type: string, apiVersion: string): string {
    if (this.lastEvent !== ev) {
      this.lastEvent = ev;
      this.lastLines = new Map();
    }
    const k = `${type}|${apiVersion}`;
    let l = this.lastLines.get(k);
    if (!l)
      this.lastLines.set(k, (l = line(type, atVersion(ev.object, apiVersion))));
    return l;
  }

  private json(spec: WatchSpec, so: StoredObject): string {
    return spec.render ? spec.render(so) : atVersion(so, spec.apiVersion);
  }

  private dispatch(ev: StoreEvent): void {
    const watchers = this.byType.get(ev.typeKey);
    if (!watchers) return;
    for (const w of watchers) {
      const type = classify(ev, w.spec);
      if (!type) continue;
      this.write(
        w,
        w.spec.render
          ? line(type, w.spec.render(ev.object))
          : this.render(ev, type, w.spec.apiVersion),
      );
    }
  }

  private write(w: Watcher, text: string): void {
    if (w.closed) return;
    w.res.write(text);
    w.sent++;
    if (w.spec.cutAfterEvents !== undefined && w.sent >= w.spec.cutAfterEvents)
      this.close(w);
    else if (w.res.writableLength > MAX_BUFFERED) this.close(w);
  }

  private bookmark(w: Watcher, initialEventsEnd = false): void {
    const meta: Record<string, unknown> = {
      resourceVersion: String(this.store.currentRv()),
    };
    if (initialEventsEnd)
      meta.annotations = { 'k8s.io/initial-events-end': 'true' };
    const obj = {
      kind: w.spec.rt.kind,
      apiVersion: w.spec.apiVersion,
      metadata: meta,
    };
    w.res.write(line('BOOKMARK', JSON.stringify(obj)));
  }

  private close(w: Watcher): void {
    if (w.closed) return;
    w.closed = true;
    for (const t of w.timers) clearTimeout(t);
    this.byType.get(keyOf(w.spec.rt))?.delete(w);
    w.res.end();
  }

  /** Starts streaming. The response must not have been written to yet. */
  start(res: ServerResponse, spec: WatchSpec): void {
    const typeKey = keyOf(spec.rt);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    const w: Watcher = { spec, res, sent: 0, closed: false, timers: [] };
    const rv = spec.resourceVersion;
    if (rv && rv !== '0' && !spec.sendInitialEvents) {
      const since = /^\d+$/.test(rv)
        ? this.store.eventsSince(typeKey, Number(rv))
        : undefined;
      if (!since) {
        const floor = this.store.historyFloor(typeKey);
        const status = expired(
          `too old resource version: ${rv} (${floor})`,
        ).toStatus();
        res.end(line('ERROR', JSON.stringify(status)));
        return;
      }
      for (const ev of since) {
        const type = classify(ev, spec);
        if (type) this.write(w, line(type, this.json(spec, ev.object)));
        if (w.closed) return;
      }
    } else {
      for (const so of this.store.list(typeKey, spec.namespace || undefined)) {
        if (spec.matches(so)) this.write(w, line('ADDED', this.json(spec, so)));
        if (w.closed) return;
      }
      if (spec.sendInitialEvents && spec.allowBookmarks) this.bookmark(w, true);
    }
    let set = this.byType.get(typeKey);
    if (!set) this.byType.set(typeKey, (set = new Set()));
    set.add(w);
    res.on('close', () => this.close(w));
    if (spec.timeoutSeconds !== undefined && spec.timeoutSeconds >= 0) {
      w.timers.push(
        setTimeout(() => {
          if (spec.allowBookmarks && !w.closed) this.bookmark(w);
          this.close(w);
        }, spec.timeoutSeconds * 1000),
      );
    }
    if (spec.allowBookmarks && this.bookmarkIntervalMs > 0) {
      const slot = w.timers.length;
      const tick = () => {
        if (w.closed) return;
        this.bookmark(w);
        w.timers[slot] = setTimeout(tick, this.bookmarkIntervalMs).unref();
      };
      w.timers[slot] = setTimeout(tick, this.bookmarkIntervalMs).unref();
    }
  }

  /** Ends every watch on a resource (its CRD was deleted). */
  closeType(typeKey: string): void {
    for (const w of [...(this.byType.get(typeKey) ?? [])]) this.close(w);
  }

  /** Ends every watch (server shutdown). */
  closeAll(): void {
    for (const set of this.byType.values())
      for (const w of [...set]) this.close(w);
  }

  /** Number of open watches. */
  count(): number {
    let n = 0;
    for (const s of this.byType.values()) n += s.size;
    return n;
  }
}

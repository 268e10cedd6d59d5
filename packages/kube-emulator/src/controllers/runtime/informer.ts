import { KubernetesObject, Watch } from '@kubernetes/client-node';
import type { ControllerLogger } from '../types';
import { AbortableSleep } from './sleep';
import { objectKey, toPlain } from './objects';

/** Receives the changes an {@link Informer} sees. */
export interface InformerHandler<T> {
  add?(object: T): void;
  update?(object: T, previous: T): void;
  delete?(object: T): void;
}

/** How an {@link Informer} lists and watches one resource. */
export interface InformerSource<T> {
  /** Watch path, e.g. `/api/v1/pods`. */
  path: string;
  /** apiVersion and kind, filled in on list items (the API server leaves them out). */
  apiVersion: string;
  kind: string;
  /** Lists every object (the typed client-node call). */
  list(): Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>;
}

const MAX_RETRY_MS = 5000;
// A server-side watch timeout makes watches rotate like client-go's reflector does.
const WATCH_TIMEOUT_SECONDS = 300;

/**
 * A list+watch cache of one resource, like client-go's reflector and informer: it lists,
 * watches from the list's resourceVersion, resumes after a dropped stream, re-lists on 410 Gone
 * (emitting deletes for objects that vanished meanwhile), and backs off while the server is away.
 * Objects are kept as plain JSON (timestamps are strings), whichever way they arrived.
 */
export class Informer<T extends KubernetesObject> {
  private readonly objects = new Map<string, T>();
  private readonly handlers: InformerHandler<T>[] = [];
  private readonly sleep = new AbortableSleep();
  private resourceVersion = '';
  private stopped = false;
  private abort?: AbortController;
  private running?: Promise<void>;
  private markSynced!: () => void;
  /** Resolves once the first list has been loaded. */
  readonly synced = new Promise<void>(resolve => {
    this.markSynced = resolve;
  });

  constructor(
    private readonly watch: Watch,
    private readonly source: InformerSource<T>,
    private readonly logger: ControllerLogger,
    private readonly retryMs: number,
  ) {}

  /** Registers handlers; objects already cached are replayed as adds. */
  on(handler: InformerHandler<T>): void {
    this.handlers.push(handler);
    for (const object of this.objects.values()) handler.add?.(object);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  list(filter?: (object: T) => boolean): T[] {
    const all = [...this.objects.values()];
    return filter ? all.filter(filter) : all;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleep.cancel();
    this.abort?.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        const started = Date.now();
        const events = await this.watchOnce();
        // A stream that ends at once without events is a failing server, not a rotation.
        failures = events > 0 || Date.now() - started > 1000 ? 0 : failures + 1;
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        this.logger.debug?.(
          `watch ${this.source.path} failed (${String(error)}); retrying`,
        );
      }
      if (failures > 0 && !this.stopped) {
        await this.sleep.wait(
          Math.min(MAX_RETRY_MS, this.retryMs * 2 ** (failures - 1)),
        );
      }
    }
  }

  private async relist(): Promise<void> {
    const list = await this.source.list();
    if (this.stopped) return;
    const items = toPlain(list.items ?? []) as T[];
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(objectKey(item));
      this.upsert(item);
    }
    for (const [key, object] of this.objects) {
      if (!seen.has(key)) {
        this.objects.delete(key);
        this.emit(h => h.delete?.(object));
      }
    }
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    this.markSynced();
  }

  /** Watches until the stream ends; resolves with the number of events seen. */
  private watchOnce(): Promise<number> {
    let events = 0;
    let restart = false;
    let controller: AbortController | undefined;
    return new Promise<number>((resolve, reject) => {
      const done = (error: unknown) => {
        this.abort = undefined;
        if (error && (error as { statusCode?: number }).statusCode === 410) {
          this.resourceVersion = '';
          resolve(events);
        } else if (error && !this.stopped && !restart) reject(error);
        else resolve(events);
      };
      const onEvent = (type: string, object: any) => {
        events += 1;
        if (restart) return;
        if (type === 'ERROR') {
          // 410 Gone (or any error status in the stream): start over with a fresh list.
          this.resourceVersion = '';
          restart = true;
          controller?.abort();
          return;
        }
        this.handleEvent(type, object);
      };
      this.watch
        .watch(
          this.source.path,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: WATCH_TIMEOUT_SECONDS,
          },
          onEvent,
          done,
        )
        .then(created => {
          controller = created;
          this.abort = created;
          if (this.stopped || restart) created.abort();
        }, reject);
    });
  }

  private handleEvent(type: string, object: any): void {
    const version = object?.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (version) this.resourceVersion = version;
      return;
    }
    if (!object?.metadata?.name) return;
    if (type === 'ADDED' || type === 'MODIFIED') this.upsert(object as T);
    else if (type === 'DELETED') {
      const key = objectKey(object);
      const known = this.objects.get(key);
      this.objects.delete(key);
      if (known) this.emit(h => h.delete?.(object as T));
    }
    if (version) this.resourceVersion = version;
  }

  private upsert(object: T): void {
    object.apiVersion ??= this.source.apiVersion;
    object.kind ??= this.source.kind;
    const key = objectKey(object);
    const previous = this.objects.get(key);
    if (
      previous &&
      previous.metadata?.resourceVersion === object.metadata?.resourceVersion
    ) {
      return;
    }
    this.objects.set(key, object);
    if (previous) this.emit(h => h.update?.(object, previous));
    else this.emit(h => h.add?.(object));
  }

  private emit(call: (handler: InformerHandler<T>) => void): void {
    for (const handler of this.handlers) {
      try {
        call(handler);
      } catch (error) {
        this.logger.error(
          `informer handler for ${this.source.path} failed: ${String(error)}`,
        );
      }
    }
  }
}

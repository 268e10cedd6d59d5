import type { ControllerLogger } from '../types';
import { describeError, isConflict, isNotFound } from './clients';
import { Timers } from './sleep';

/** What a reconcile asks of its queue. */
export interface ReconcileResult {
  /** Run the key again after this many milliseconds. */
  requeueAfterMs?: number;
}

/**
 * A de-duplicating work queue like client-go's: a key queued many times is reconciled once, never
 * by two workers at a time; a key added while it is being reconciled runs again afterwards.
 * Failed reconciles retry with back-off; 409 conflicts retry at once (the next run re-reads).
 */
export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Timers();
  private readonly idle = new Set<() => void>();
  private stopped = false;
  private running = 0;

  constructor(
    private readonly name: string,
    private readonly reconcile: (
      key: string,
    ) => Promise<ReconcileResult | void>,
    private readonly logger: ControllerLogger,
    private readonly concurrency = 4,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.queued.add(key);
    this.pump();
  }

  /** Adds the key after a delay; an earlier pending delay for the key is replaced. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    this.timers.set(`after:${key}`, ms, () => this.add(key));
  }

  /** Stops taking work and waits for reconciles in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearAll();
    this.queued.clear();
    if (this.running === 0) return;
    await new Promise<void>(resolve => this.idle.add(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency) {
      const key = [...this.queued].find(k => !this.active.has(k));
      if (key === undefined) return;
      this.queued.delete(key);
      this.active.add(key);
      this.running += 1;
      void this.process(key);
    }
  }

  private async process(key: string): Promise<void> {
    try {
      const result = await this.reconcile(key);
      this.failures.delete(key);
      if (result?.requeueAfterMs !== undefined) {
        this.addAfter(key, result.requeueAfterMs);
      }
    } catch (error) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      if (isConflict(error) || isNotFound(error)) {
        // The cache lags behind the server: a quick retry sees the newer object.
        this.addAfter(key, 20 * failures);
      } else {
        this.logger.warn(
          `${this.name} ${key}: ${describeError(error)} (retry ${failures})`,
        );
        this.addAfter(key, Math.min(5000, 100 * 2 ** failures));
      }
    } finally {
      this.active.delete(key);
      this.running -= 1;
      if (this.dirty.delete(key)) this.add(key);
      if (this.stopped && this.running === 0) {
        for (const resolve of this.idle) resolve();
      }
      this.pump();
    }
  }
}

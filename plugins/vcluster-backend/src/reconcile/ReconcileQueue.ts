import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A keyed work queue: a name queued while it is waiting runs once; while it is running, once
 * more afterwards. Watches, resyncs and requests all feed it, so bursts of events for one
 * vCluster cost one reconcile. A reconcile may ask to run again after a delay.
 */
export class ReconcileQueue {
  private readonly waiting = new Set<string>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly idle: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly work: (name: string) => Promise<number | void>,
    private readonly logger: LoggerService,
    private readonly concurrency = 4,
  ) {}

  add(name: string): void {
    if (this.stopped) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    this.waiting.add(name);
    this.pump();
  }

  /** Queues `name` after `ms`, unless a sooner run was already planned. */
  addAfter(name: string, ms: number): void {
    if (this.stopped || this.timers.has(name)) return;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      this.add(name);
    }, ms);
    timer.unref?.();
    this.timers.set(name, timer);
  }

  /** Resolves when nothing is waiting or running (tests and shutdown). */
  drained(): Promise<void> {
    if (this.waiting.size === 0 && this.running.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.idle.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.waiting.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.waiting.size > 0) {
      const [name] = this.waiting;
      this.waiting.delete(name);
      this.running.add(name);
      this.run(name);
    }
    if (this.waiting.size === 0 && this.running.size === 0) {
      this.idle.splice(0).forEach(resolve => resolve());
    }
  }

  private async run(name: string): Promise<void> {
    let retryMs: number | void = undefined;
    try {
      retryMs = await this.work(name);
    } catch (error) {
      this.logger.warn('vCluster reconcile failed; retrying', {
        vcluster: name,
        error: String(error),
      });
      retryMs = 2000;
    }
    this.running.delete(name);
    if (this.again.delete(name)) this.waiting.add(name);
    else if (typeof retryMs === 'number') this.addAfter(name, retryMs);
    this.pump();
  }
}

/** A sleep that {@link AbortableSleep.cancel} ends at once, so stopping never waits on a timer. */
export class AbortableSleep {
  private readonly pending = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(finish);
        resolve();
      };
      timer = setTimeout(finish, ms);
      this.pending.add(finish);
    });
  }

  /** Ends every pending wait. */
  cancel(): void {
    for (const finish of [...this.pending]) finish();
  }
}

/** Named timers keyed by a string; setting a key again replaces its timer. */
export class Timers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  set(key: string, ms: number, run: () => void): void {
    this.clear(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, Math.max(0, ms));
    this.timers.set(key, timer);
  }

  clear(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

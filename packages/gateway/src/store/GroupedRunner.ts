/**
 * Runs requests in groups, the way a database's group commit does: while `maxInFlight` groups
 * are running, new requests wait, and the next group takes every request waiting then (up to
 * `maxGroupSize`). Under load — the previous request came less than `lingerMs` ago — a group
 * also waits `lingerMs` for company before it starts (Kafka's `linger.ms`): handshakes reach the
 * store a few milliseconds apart, so without it nearly every group would hold one. A request on
 * an idle gateway runs at the end of the event loop's turn. A failed group fails each of its
 * requests with that error.
 */
export class GroupedRunner<I, O> {
  private waiting: Array<{
    input: I;
    resolve(output: O): void;
    reject(error: unknown): void;
  }> = [];
  private inFlight = 0;
  private scheduled = false;
  private lastArrival = -Infinity;

  constructor(
    private readonly runGroup: (inputs: I[]) => Promise<O[]>,
    private readonly options: {
      maxInFlight: number;
      maxGroupSize: number;
      lingerMs: number;
    },
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      const now = performance.now();
      const busy = now - this.lastArrival < this.options.lingerMs;
      this.lastArrival = now;
      if (this.scheduled) return;
      this.scheduled = true;
      const start = () => {
        this.scheduled = false;
        this.startGroups();
      };
      if (busy && this.options.lingerMs > 0) {
        setTimeout(start, this.options.lingerMs);
      } else {
        setImmediate(start);
      }
    });
  }

  private startGroups() {
    while (
      this.waiting.length > 0 &&
      this.inFlight < this.options.maxInFlight
    ) {
      const group = this.waiting.splice(0, this.options.maxGroupSize);
      this.inFlight++;
      this.runGroup(group.map(r => r.input)).then(
        outputs => {
          group.forEach((r, i) => r.resolve(outputs[i]));
          this.groupDone();
        },
        error => {
          group.forEach(r => r.reject(error));
          this.groupDone();
        },
      );
    }
  }

  private groupDone() {
    this.inFlight--;
    this.startGroups();
  }
}

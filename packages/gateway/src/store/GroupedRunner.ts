/**
 * Runs requests in groups, the way a database's group commit does: while `maxInFlight` groups
 * are running, new requests wait, and the next group takes every request waiting then (up to
 * `maxGroupSize`). A lone request runs at once, so an idle gateway adds no latency; under a burst
 * of handshakes many share one statement and one round trip instead of queueing for a pooled
 * connection each. A failed group fails each of its requests with that error.
 */
export class GroupedRunner<I, O> {
  private waiting: Array<{
    input: I;
    resolve(output: O): void;
    reject(error: unknown): void;
  }> = [];
  private inFlight = 0;

  constructor(
    private readonly runGroup: (inputs: I[]) => Promise<O[]>,
    private readonly options: { maxInFlight: number; maxGroupSize: number },
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.startGroups();
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

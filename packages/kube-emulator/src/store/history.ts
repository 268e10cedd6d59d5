import type { StoreEvent } from './Store';

/**
 * A bounded window of recent events of one resource, like the watch cache: watches can resume
 * from any resourceVersion at or after `floor`; older ones get 410 Expired.
 */
export class EventHistory {
  private readonly ring: (StoreEvent | undefined)[];
  private start = 0;
  private size = 0;

  constructor(capacity: number, public floor: number) {
    this.ring = new Array(Math.max(1, capacity));
  }

  push(ev: StoreEvent): void {
    if (this.size === this.ring.length) {
      const evicted = this.ring[this.start]!;
      this.floor = evicted.rv;
      this.start = (this.start + 1) % this.ring.length;
      this.size--;
    }
    this.ring[(this.start + this.size) % this.ring.length] = ev;
    this.size++;
  }

  /** Events with rv > resourceVersion, or undefined when that version is older than the window. */
  since(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.floor) return undefined;
    const at = (i: number) => this.ring[(this.start + i) % this.ring.length]!;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(mid).rv > resourceVersion) hi = mid;
      else lo = mid + 1;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < this.size; i++) out.push(at(i));
    return out;
  }

  /** Forgets every event (a compaction): only versions >= rv can be resumed afterwards. */
  compact(rv: number): void {
    this.start = 0;
    this.size = 0;
    this.floor = rv;
  }
}

import { Finding } from '@hatchway/plugin-readiness-common';

const CHUNK = 4096;

/**
 * The findings of an evaluation as they are recorded, in chunks of a few thousand: a million
 * findings pushed onto one array would copy it each time it grows, each copy a fresh allocation
 * of megabytes, where here the whole list is copied once, into an array of its final size. Each
 * chunk is made at its full size: grown by pushes, it would be copied a dozen times on the way.
 */
export class FindingList {
  private readonly full: Finding[][] = [];
  private chunk: Finding[] = new Array(CHUNK);
  /** How many findings the current chunk holds. */
  private filled = 0;

  push(finding: Finding): void {
    if (this.filled === CHUNK) {
      this.full.push(this.chunk);
      this.chunk = new Array(CHUNK);
      this.filled = 0;
    }
    this.chunk[this.filled++] = finding;
  }

  get length(): number {
    return this.full.length * CHUNK + this.filled;
  }

  /** Drops the findings recorded after the first `length`. */
  truncate(length: number): void {
    while (this.full.length * CHUNK > length) {
      this.chunk = this.full.pop()!;
      this.filled = CHUNK;
    }
    const keep = Math.max(0, length - this.full.length * CHUNK);
    // Emptied slots hold nothing: a dropped finding must not stay reachable.
    for (let i = keep; i < this.filled; i++) this.chunk[i] = undefined as never;
    this.filled = Math.min(this.filled, keep);
  }

  /** Every finding, in the order recorded. */
  toArray(): Finding[] {
    const last = this.chunk.slice(0, this.filled);
    if (!this.full.length) return last;
    return ([] as Finding[]).concat(...this.full, last);
  }
}

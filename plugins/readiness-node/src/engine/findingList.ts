import { Finding } from '@hatchway/plugin-readiness-common';

const CHUNK = 4096;

/**
 * The findings of an evaluation as they are recorded, in chunks of a few thousand: a million
 * findings pushed onto one array would copy it each time it grows, each copy a fresh allocation
 * of megabytes, where here the whole list is copied once, into an array of its final size.
 */
export class FindingList {
  private readonly full: Finding[][] = [];
  private chunk: Finding[] = [];

  push(finding: Finding): void {
    if (this.chunk.length === CHUNK) {
      this.full.push(this.chunk);
      this.chunk = [];
    }
    this.chunk.push(finding);
  }

  get length(): number {
    return this.full.length * CHUNK + this.chunk.length;
  }

  /** Drops the findings recorded after the first `length`. */
  truncate(length: number): void {
    while (this.full.length * CHUNK > length) this.chunk = this.full.pop()!;
    this.chunk.length = Math.min(
      this.chunk.length,
      length - this.full.length * CHUNK,
    );
  }

  /** Every finding, in the order recorded. */
  toArray(): Finding[] {
    if (!this.full.length) return this.chunk;
    return ([] as Finding[]).concat(...this.full, this.chunk);
  }
}

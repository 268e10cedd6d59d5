import {
  Category,
  Finding,
  ResourceRef,
  Severity,
} from '@hatchway/plugin-readiness-common';
import { FindingTable } from './types';

/** Findings per chunk: each column of a chunk is made at its full size, never grown. */
const CHUNK = 16384;

/** A compact finding's status, in a code's low two bits. */
const STATUSES = ['passed', 'failed', 'skipped'] as const;
const STATUS_MASK = 3;
/** Set in a code when `rest` holds the whole finding rather than its field paths. */
const WHOLE = 4;

/** A status a compact finding may have: an exempted one carries its exemption, so is whole. */
export type CompactStatus = 'passed' | 'failed' | 'skipped';

/** Whether a finding of this status can be kept by column (a check from outside may give any). */
export function isCompactStatus(status: string): status is CompactStatus {
  return status === 'passed' || status === 'failed' || status === 'skipped';
}

function statusCode(status: CompactStatus): number {
  switch (status) {
    case 'passed':
      return 0;
    case 'failed':
      return 1;
    default:
      return 2;
  }
}

/**
 * A finding in one of the few shapes the engine gives: the same fields in the same order whatever
 * made it, so findings serialize and compare alike, and share their hidden classes. Adding fields
 * later would give a finding a second allocation (its out-of-object properties) and a chain of
 * hidden-class transitions.
 */
export function makeFinding(
  checkId: string,
  resource: ResourceRef,
  severity: Severity,
  category: Category,
  status: Finding['status'],
  message: string,
  fieldPaths: string[] | undefined,
  container: string | undefined,
): Finding {
  if (fieldPaths) {
    return container === undefined
      ? { checkId, resource, severity, category, status, message, fieldPaths }
      : {
          checkId,
          resource,
          severity,
          category,
          status,
          message,
          fieldPaths,
          container,
        };
  }
  return container === undefined
    ? { checkId, resource, severity, category, status, message }
    : { checkId, resource, severity, category, status, message, container };
}

interface CheckEntry {
  readonly checkId: string;
  readonly severity: Severity;
  readonly category: Category;
}

/** One column per field of a compact finding; what every finding of a check shares is kept once. */
interface Chunk {
  readonly resource: ResourceRef[];
  readonly message: string[];
  readonly container: Array<string | undefined>;
  /** The field paths of a compact finding, or the whole finding (code has WHOLE set). */
  readonly rest: Array<readonly string[] | Finding | undefined>;
  readonly code: Uint8Array;
  /** Index in the table's checks. */
  readonly check: Uint16Array;
}

function newChunk(): Chunk {
  return {
    resource: new Array(CHUNK),
    message: new Array(CHUNK),
    container: new Array(CHUNK),
    rest: new Array(CHUNK),
    code: new Uint8Array(CHUNK),
    check: new Uint16Array(CHUNK),
  };
}

/**
 * The findings of an evaluation, kept by column as they are recorded. A cluster of 10,000
 * workloads gives about 760,000 findings, most of them passes that differ only in their resource
 * and message: as objects they would be 70 MB that a scan writes once and drops, each object
 * copied by the collector on its way to the old generation. Here a finding is a few array slots
 * (its check's id, severity and category are kept once per check), and the finding objects are
 * built only as they are read, afresh each time, so no reader holds them all unless it asks
 * (`toArray`).
 */
export class FindingColumns implements FindingTable {
  private readonly checks: CheckEntry[] = [];
  private readonly chunks: Chunk[] = [newChunk()];
  /** How many findings the last chunk holds. */
  private filled = 0;

  /** Registers a check whose findings follow; returns the number `record` takes. */
  addCheck(checkId: string, severity: Severity, category: Category): number {
    if (this.checks.length > 0xffff) throw new Error('Too many checks');
    return this.checks.push({ checkId, severity, category }) - 1;
  }

  /** Appends a finding with the check's severity and category, and no exemption. */
  record(
    check: number,
    status: CompactStatus,
    resource: ResourceRef,
    message: string,
    fieldPaths: readonly string[] | undefined,
    container: string | undefined,
  ): void {
    const chunk = this.slot();
    const i = this.filled++;
    chunk.code[i] = statusCode(status);
    chunk.check[i] = check;
    chunk.resource[i] = resource;
    chunk.message[i] = message;
    if (container !== undefined) chunk.container[i] = container;
    if (fieldPaths !== undefined) chunk.rest[i] = fieldPaths;
  }

  /** Appends a finding as it is: exempted, imported, or with a severity of its own. */
  recordFinding(finding: Finding): void {
    const chunk = this.slot();
    const i = this.filled++;
    chunk.code[i] = WHOLE;
    chunk.rest[i] = finding;
  }

  get length(): number {
    return (this.chunks.length - 1) * CHUNK + this.filled;
  }

  /** Drops the findings recorded after the first `length`. */
  truncate(length: number): void {
    const keep = Math.max(0, Math.min(length, this.length));
    const chunkCount = Math.max(1, Math.ceil(keep / CHUNK));
    // Where the findings of the chunk that becomes the last one end now.
    const end = chunkCount < this.chunks.length ? CHUNK : this.filled;
    this.chunks.length = chunkCount;
    const last = this.chunks[chunkCount - 1];
    const filled = keep - (chunkCount - 1) * CHUNK;
    // Emptied slots hold nothing: a dropped finding must not stay reachable.
    for (let i = filled; i < end; i++) {
      last.resource[i] = undefined as never;
      last.message[i] = undefined as never;
      last.container[i] = undefined;
      last.rest[i] = undefined;
    }
    this.filled = filled;
  }

  at(index: number): Finding {
    if (!Number.isInteger(index) || index < 0 || index >= this.length)
      throw new RangeError(
        `No finding ${index}: the table holds ${this.length}`,
      );
    return this.build(this.chunks[Math.floor(index / CHUNK)], index % CHUNK);
  }

  forEach(visit: (finding: Finding, index: number) => void): void {
    const chunks = this.chunks;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c];
      const end = this.filledIn(c);
      for (let i = 0; i < end; i++) visit(this.build(chunk, i), c * CHUNK + i);
    }
  }

  /**
   * Visits every finding through one object whose fields change from visit to visit (a whole
   * finding is visited as itself): for readers that keep nothing of a finding but what its fields
   * point to, as scoring does. Saves building an object per finding.
   */
  forEachView(visit: (finding: Readonly<Finding>) => void): void {
    const view: Finding = {
      checkId: '',
      resource: undefined as never,
      severity: 'warning',
      category: 'security',
      status: 'passed',
      message: '',
      fieldPaths: undefined,
      container: undefined,
    };
    const { chunks, checks } = this;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c];
      const end = this.filledIn(c);
      for (let i = 0; i < end; i++) {
        const code = chunk.code[i];
        if (code & WHOLE) {
          visit(chunk.rest[i] as Finding);
          continue;
        }
        const check = checks[chunk.check[i]];
        view.checkId = check.checkId;
        view.severity = check.severity;
        view.category = check.category;
        view.status = STATUSES[code & STATUS_MASK];
        view.resource = chunk.resource[i];
        view.message = chunk.message[i];
        view.fieldPaths = chunk.rest[i] as string[] | undefined;
        view.container = chunk.container[i];
        visit(view);
      }
    }
  }

  *[Symbol.iterator](): Iterator<Finding> {
    const chunks = this.chunks;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c];
      for (let i = 0, end = this.filledIn(c); i < end; i++)
        yield this.build(chunk, i);
    }
  }

  toArray(): Finding[] {
    const all = new Array<Finding>(this.length);
    this.forEach((finding, index) => {
      all[index] = finding;
    });
    return all;
  }

  /** How many findings chunk c holds: all but the last are full. */
  private filledIn(c: number): number {
    return c === this.chunks.length - 1 ? this.filled : CHUNK;
  }

  /** The chunk the next finding goes to. */
  private slot(): Chunk {
    if (this.filled === CHUNK) {
      this.chunks.push(newChunk());
      this.filled = 0;
    }
    return this.chunks[this.chunks.length - 1];
  }

  /** The finding in slot i of a chunk. */
  private build(chunk: Chunk, i: number): Finding {
    const code = chunk.code[i];
    const rest = chunk.rest[i];
    if (code & WHOLE) return rest as Finding;
    const { checkId, severity, category } = this.checks[chunk.check[i]];
    return makeFinding(
      checkId,
      chunk.resource[i],
      severity,
      category,
      STATUSES[code & STATUS_MASK],
      chunk.message[i],
      rest as string[] | undefined,
      chunk.container[i],
    );
  }
}

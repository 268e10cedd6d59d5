import {
  promises as fs,
  writeFileSync,
  renameSync,
  readFileSync,
  existsSync,
} from 'node:fs';
import type { Core } from '../core/Core';
import type { KubeObject } from '../types';
import { keyOf } from '../api/resourceType';

interface SnapshotFile {
  version: 1;
  resourceVersion: number;
  objects: KubeObject[];
}

const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';

function serialize(core: Core): string {
  const objects: KubeObject[] = [];
  for (const [, so] of core.store.entries()) objects.push(so.obj);
  const data: SnapshotFile = {
    version: 1,
    resourceVersion: core.store.currentRv(),
    objects,
  };
  return JSON.stringify(data);
}

/**
 * Restores a snapshot: CRDs first (then `serveCrds` registers their resources), then everything
 * else, keeping uids and resourceVersions. Objects of kinds no longer served are skipped.
 */
export function loadSnapshot(
  core: Core,
  file: string,
  serveCrds: () => void,
): number {
  if (!existsSync(file)) return 0;
  const data = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
  const objects = Array.isArray(data.objects) ? data.objects : [];
  const isCrd = (o: KubeObject) => o.kind === 'CustomResourceDefinition';
  let n = 0;
  for (const batch of [objects.filter(isCrd), objects.filter(o => !isCrd(o))]) {
    for (const obj of batch) {
      const rt = core.registry.byKind(String(obj.apiVersion), String(obj.kind));
      if (!rt) continue;
      core.store.restore(keyOf(rt), obj);
      n++;
    }
    if (batch.some(isCrd) || core.store.count(CRD_KEY) > 0) serveCrds();
  }
  core.store.compact();
  return n;
}

/** Writes snapshots: debounced after changes, and synchronously on demand (shutdown). */
export class SnapshotWriter {
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private dirty = false;
  private writes = 0;

  constructor(
    private readonly core: Core,
    private readonly file: string,
    private readonly debounceMs: number,
  ) {}

  /** Notes a change; a write follows after the debounce interval. */
  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(error => {
        // Retried by the next change; never an unhandled rejection that ends the process.
        this.dirty = true;
        process.emitWarning(`snapshot not written: ${error}`);
      });
    }, this.debounceMs);
    this.timer.unref();
  }

  /**
   * Writes now (atomically: temp file + rename), after any write in progress: a slow write on
   * a loaded machine must never race the next one.
   */
  flush(): Promise<void> {
    const next = (this.writing ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.write());
    this.writing = next;
    return next;
  }

  private async write(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const tmp = `${this.file}.tmp-${process.pid}-${++this.writes}`;
    await fs.writeFile(tmp, serialize(this.core));
    await fs.rename(tmp, this.file);
  }

  /** Final synchronous write on close. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing?.catch(() => undefined);
    this.dirty = false;
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, serialize(this.core));
    renameSync(tmp, this.file);
  }
}

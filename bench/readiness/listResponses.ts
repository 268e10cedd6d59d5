/*
 * The yardstick of the readiness engine benchmark: what merely JSON.parse-ing the list responses
 * a scan reads costs on the same machine, in the same process. Evaluation and scoring divided by
 * it is a ratio that load and hardware distort far less than milliseconds do.
 */
import type { KubernetesObject } from '@hatchway/plugin-readiness-node';

/**
 * The objects as the API server would list them: one `<Kind>List` response per kind (one
 * collection each, as a scan's unpaged list of that kind), serialized.
 */
export function listResponses(objects: readonly KubernetesObject[]): string[] {
  const byKind = new Map<string, KubernetesObject[]>();
  for (const object of objects) {
    const kind = object.kind ?? '';
    let items = byKind.get(kind);
    if (!items) {
      items = [];
      byKind.set(kind, items);
    }
    items.push(object);
  }
  return [...byKind].map(([kind, items]) =>
    JSON.stringify({
      apiVersion: items[0].apiVersion ?? 'v1',
      kind: `${kind}List`,
      metadata: { resourceVersion: '1' },
      items,
    }),
  );
}

export interface ParseFigures {
  /** Median wall-clock time of parsing every response once. */
  ms: number;
  /** Median process CPU time (user + system, all threads, GC helpers included) of the same. */
  cpuMs: number;
  /** Median minor page faults of the same: fresh memory the parse touched. */
  faults: number;
  bytes: number;
}

/** The middle value (the lower of the two middle ones for an even count). */
export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Minor page faults of this process so far. */
export const pageFaults = () => process.resourceUsage().minorPageFault;

/** JSON.parse of every response, `runs` times; each run's result is dropped before the next. */
export function timeParse(texts: readonly string[], runs = 5): ParseFigures {
  const wall: number[] = [];
  const cpu: number[] = [];
  const faults: number[] = [];
  let sink = 0;
  for (let run = 0; run < runs; run++) {
    const cpuStart = process.cpuUsage();
    const faultsStart = pageFaults();
    const start = performance.now();
    for (const text of texts) sink += JSON.parse(text).items.length;
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    faults.push(pageFaults() - faultsStart);
  }
  if (!sink) throw new Error('no items parsed');
  return {
    ms: median(wall),
    cpuMs: median(cpu),
    faults: median(faults),
    bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
  };
}

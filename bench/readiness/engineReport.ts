/*
 * The figures of bench/readiness/engine.ts's runs (one engine and one yardstick process each), and
 * the summary table it prints against the goals (issue 4: 2 s and 600 MB; issue 12: ×2).
 */

import { median } from './listResponses';

const GOAL_MS = 2000;
const GOAL_RSS_MB = 600;
const GOAL_RATIO = 2;

export const ms = (n: number) => `${n.toFixed(0)} ms`;

export interface RunFigures {
  objects: number;
  workloads: number;
  pods: number;
  findings: number;
  failed: number;
  score: number;
  level: string;
  generateMs: number;
  /** First evaluation in the process. */
  evaluateMs: number;
  scoringMs: number;
  /** CPU time (user + system, all threads) of the first evaluation and scoring. */
  cpuMs: number;
  /** Minor page faults of the first evaluation and scoring. */
  faults: number;
  /** A scan's snapshots (cluster, namespaces, entities, owners), after the first evaluation. */
  snapshotsMs: number;
  snapshotFaults: number;
  snapshots: number;
  entities: number;
  /** The result's `findings` read after the snapshots: every finding made an object and kept. */
  arrayMs: number;
  arrayFaults: number;
  /** Peak RSS after the first evaluation and scoring. */
  peakRssMb: number;
  objectsRssMb: number;
  loaderRssMb: number;
  /** A second evaluation and scoring in the same, warmed-up process. */
  warmMs: number;
  warmCpuMs: number;
  warmFaults: number;
  /** JSON.parse of the lists in this process, after the evaluations: median wall and CPU time. */
  parseMs: number;
  parseCpuMs: number;
  parseFaults: number;
  listMb: number;
}

/** The yardstick, timed in a fresh process of its own prepared as the engine's is. */
export interface ParseRunFigures {
  /** The process's first parse of every list, as a scan's. */
  coldMs: number;
  coldCpuMs: number;
  coldFaults: number;
  /** Median of five later parses. */
  warmMs: number;
  warmCpuMs: number;
  warmFaults: number;
}

export interface Run {
  engine: RunFigures;
  parse: ParseRunFigures;
}

/** Cold evaluate + scoring as a multiple of the first parse of a process prepared the same way. */
export const ratioOf = ({ engine, parse }: Run) =>
  (engine.evaluateMs + engine.scoringMs) / parse.coldMs;
const cpuRatioOf = ({ engine, parse }: Run) => engine.cpuMs / parse.coldCpuMs;
/** The warm evaluation as a multiple of the later parses'. */
export const warmRatioOf = ({ engine, parse }: Run) =>
  engine.warmMs / parse.warmMs;
/** Earlier rounds' figure: cold evaluation ÷ the median parse in the engine's process after it. */
export const sameProcessRatioOf = ({ engine }: Run) =>
  (engine.evaluateMs + engine.scoringMs) / engine.parseMs;

/** Prints the table of medians, spreads and goals over every run. */
export function printSummary(runs: Run[]) {
  const engines = runs.map(r => r.engine);
  const parses = runs.map(r => r.parse);
  const first = engines[0];
  const cold = engines.map(r => r.evaluateMs + r.scoringMs);
  const rss = engines.map(r => r.peakRssMb);
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  /** A row of a ratio held against the ×2 goal. */
  const ratioRow = (measure: string, value: number, notes: string) => [
    measure,
    `×${value.toFixed(2)}`,
    `<= ×${GOAL_RATIO}`,
    mark(value <= GOAL_RATIO),
    notes,
  ];
  const spread = (values: number[]) =>
    `min ×${Math.min(...values).toFixed(2)}, max ×${Math.max(...values).toFixed(
      2,
    )}`;
  const ratio = median(runs.map(ratioOf));
  const warmRatio = median(runs.map(warmRatioOf));
  const sameProcessRatio = median(runs.map(sameProcessRatioOf));
  const rows: string[][] = [
    [
      'synthetic cluster',
      `${first.objects} objects`,
      '',
      '',
      `${first.workloads} workloads, ${first.pods} pods; built in ${ms(
        first.generateMs,
      )}`,
    ],
    [
      'findings',
      String(first.findings),
      '',
      '',
      `${first.failed} failed; score ${first.score}, level ${first.level}`,
    ],
    [
      'evaluate',
      ms(median(engines.map(r => r.evaluateMs))),
      '',
      '',
      'median; all built-in checks, exemptions, cluster score',
    ],
    [
      'scoring',
      ms(median(engines.map(r => r.scoringMs))),
      '',
      '',
      'median; per namespace and per resource',
    ],
    [
      'evaluate + scoring',
      ms(median(cold)),
      `<= ${GOAL_MS} ms`,
      mark(median(cold) <= GOAL_MS),
      `median of ${runs.length} fresh processes (min ${ms(
        Math.min(...cold),
      )}, max ${ms(Math.max(...cold))}); ${median(
        engines.map(r => r.faults),
      )} page faults`,
    ],
    [
      "a scan's snapshot scores",
      ms(median(engines.map(r => r.snapshotsMs))),
      '',
      '',
      `median; ${first.snapshots} snapshots (cluster, namespaces, ${
        first.entities
      } entities, their owners), after the first evaluation; ${median(
        engines.map(r => r.snapshotFaults),
      )} page faults. What the backend computes beside the cluster score; not in the ratio`,
    ],
    [
      'findings as an array of objects',
      ms(median(engines.map(r => r.arrayMs))),
      '',
      '',
      `median; reading the result's \`findings\` after the snapshots, ${median(
        engines.map(r => r.arrayFaults),
      )} page faults. What a caller that keeps every finding object pays (the CLI, not a scan); not in the ratio`,
    ],
    [
      'evaluate + scoring, CPU',
      ms(median(engines.map(r => r.cpuMs))),
      '',
      '',
      `median; process CPU time (user + system, GC threads included), min ${ms(
        Math.min(...engines.map(r => r.cpuMs)),
      )}`,
    ],
    [
      'JSON.parse of the lists, first',
      ms(median(parses.map(p => p.coldMs))),
      '',
      '',
      `median of ${runs.length} fresh processes built as the engine's; ${
        first.listMb
      } MB (one <Kind>List per kind); CPU ${ms(
        median(parses.map(p => p.coldCpuMs)),
      )}; ${median(parses.map(p => p.coldFaults))} page faults`,
    ],
    ratioRow(
      'evaluate + scoring ÷ JSON.parse',
      ratio,
      `first of each process; median of the runs' ratios (${spread(
        runs.map(ratioOf),
      )}); of CPU times ×${median(runs.map(cpuRatioOf)).toFixed(2)}`,
    ),
    [
      'evaluate + scoring, warm',
      ms(median(engines.map(r => r.warmMs))),
      `<= ${GOAL_MS} ms`,
      mark(median(engines.map(r => r.warmMs)) <= GOAL_MS),
      `median; a second evaluation in the same process; CPU ${ms(
        median(engines.map(r => r.warmCpuMs)),
      )}; ${median(engines.map(r => r.warmFaults))} page faults`,
    ],
    ratioRow(
      'warm ÷ JSON.parse, later parses',
      warmRatio,
      `later parses: median ${ms(median(parses.map(p => p.warmMs)))}, ${median(
        parses.map(p => p.warmFaults),
      )} page faults (${spread(runs.map(warmRatioOf))})`,
    ),
    ratioRow(
      'cold ÷ parse after it, same process',
      sameProcessRatio,
      `earlier rounds' figure: parse ${ms(
        median(engines.map(r => r.parseMs)),
      )}, ${median(
        engines.map(r => r.parseFaults),
      )} page faults, in the heap the evaluations grew (${spread(
        runs.map(sameProcessRatioOf),
      )})`,
    ),
    [
      'peak RSS',
      `${Math.round(Math.max(...rss))} MB`,
      `<= ${GOAL_RSS_MB} MB`,
      mark(Math.max(...rss) <= GOAL_RSS_MB),
      `worst of ${runs.length}; incl. the objects (${first.objectsRssMb} MB) and the loader (${first.loaderRssMb} MB)`,
    ],
  ];
  const header = ['measure', 'result', 'goal', 'mark', 'notes'];
  const width = header.map((_, i) =>
    Math.max(...[header, ...rows].map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${width.map(w => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach(r => console.log(line(r)));
}

/**
 * The gateway benchmark: one ttyd stand-in, reached directly and through nginx, HAProxy and the
 * Hatchway gateway, each started fresh (configs in a temp folder) for each measure:
 * bulk output of one session, echo latency of many, proxy RSS per idle session, handshakes/s
 * and the proxy's CPU milliseconds per handshake.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/gateway/bench.ts [bulkMB=200]
 *     [latency=200] [rounds=50] [echoWarmup=20] [typing=25] [typingSeconds=10]
 *     [idle=9000] [gatewayIdle=<idle>]
 *     [handshakes=5000] [warmup=10000] [concurrency=32] [repeat=1]
 *     [contenders=direct,nginx,haproxy,gateway (add node: a bare Node proxy)] [measures=bulk,latency,typing,idle,handshakes]
 *     [store=pg|sqlite] [profile=<dir>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Contender,
  RunningContender,
  SessionTarget,
  direct,
  haproxy,
  hatchwayGateway,
  nginx,
  nodeTcp,
} from './contenders';
import {
  bulkThroughput,
  echoLatencies,
  handshakeRate,
  pacedEchoLatencies,
  median,
  openSession,
  percentile,
  pooled,
  spentPer,
} from './load';
import { forkTs, stop } from './processes';

/** `key=value` arguments with their defaults. */
const args: Record<string, string> = Object.fromEntries(
  process.argv.slice(2).map(a => a.split('=')),
);
const numberArg = (key: string, fallback: number) =>
  args[key] === undefined ? fallback : Number(args[key]);
const bulkMB = numberArg('bulkMB', 200);
const latencySessions = numberArg('latency', 200);
const idleSessions = numberArg('idle', 9000);
/** The gateway opens sessions far slower than the peers; its idle count can be lower. */
const gatewayIdleSessions = numberArg('gatewayIdle', idleSessions);
const handshakes = numberArg('handshakes', 5000);
/**
 * Handshakes each contender serves before the measured ones: a gateway process serves millions in
 * its life, and its first thousands run in V8's interpreter and baseline code (1.2–1.5 ms of CPU
 * each against 0.7–0.9 ms once optimized, which took 6,000–10,000 here); the cold figure (the
 * warm-up's average) is printed too.
 */
const warmupHandshakes = numberArg('warmup', 10000);
/** Handshakes in flight at once. */
const concurrency = numberArg('concurrency', 32);
const chosen = (args.contenders ?? 'direct,nginx,haproxy,gateway').split(',');
const measures = new Set(
  (args.measures ?? 'bulk,latency,typing,idle,handshakes').split(','),
);
/** The gateway's session store: Postgres (as in production) whenever one is at hand. */
const store =
  (args.store ?? (process.env.HATCHWAY_TEST_POSTGRES_URL ? 'pg' : 'sqlite')) ===
  'pg'
    ? 'pg'
    : 'sqlite';
if (store === 'pg' && !process.env.HATCHWAY_TEST_POSTGRES_URL) {
  throw new Error(
    'store=pg needs HATCHWAY_TEST_POSTGRES_URL (. scripts/postgres.sh; start_postgres)',
  );
}
const gateway = hatchwayGateway({ store, profileDir: args.profile });
const ALL: Contender[] = [direct, nginx, haproxy, gateway, nodeTcp];
const contenders = ALL.filter(c => chosen.includes(c.name));
const LATENCY_ROUNDS = numberArg('rounds', 50);
/**
 * Whole runs of every measure, contenders taking turns, each figure the median over them: on a
 * shared machine one contender can land in another job's busy minute.
 */
const repeat = numberArg('repeat', 1);
/** Unmeasured echo rounds first, for every contender (the gateway's code gets optimized). */
const ECHO_WARMUP_ROUNDS = numberArg('echoWarmup', 20);
/**
 * Keys per second each of the `latency` sessions types in the paced echo measure: 25 is a held
 * key's auto-repeat (X11's default rate), far above anyone's typing, in all sessions at once.
 */
const TYPING_KEYS_PER_SECOND = numberArg('typing', 25);
const TYPING_SECONDS = numberArg('typingSeconds', 10);

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

type Figures = Record<string, Record<string, number | undefined>>;

/** Starts a contender fresh for one measure and always stops it. */
async function withContender<T>(
  contender: Contender,
  upstreamPort: number,
  measure: (running: RunningContender) => Promise<T>,
): Promise<T | undefined> {
  const dir = mkdtempSync(
    path.join(os.tmpdir(), `bench-gateway-${contender.name}-`),
  );
  let running: RunningContender | undefined;
  try {
    running = await contender.start(upstreamPort, dir);
    return await measure(running);
  } catch (error) {
    log(`  ${contender.name}: left out (${(error as Error).message})`);
    return undefined;
  } finally {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function idleRssPerSession(running: RunningContender, count: number) {
  const targets = await running.targets(count);
  await sleep(500);
  const before = running.rss();
  if (before === undefined) return undefined;
  const sockets = await pooled(targets, 100, openSession);
  await sleep(2000);
  const after = running.rss()!;
  sockets.forEach(ws => ws.terminate());
  return (after - before) / sockets.length / 1024;
}

/**
 * Handshakes/s, and the CPU ms per handshake (from /proc, so load does not inflate it) of the
 * proxy and of its database server (the gateway on Postgres).
 */
async function handshakeCost(running: RunningContender) {
  const targets = await running.targets(warmupHandshakes + handshakes);
  const cold = await handshakeBurst(
    running,
    targets.slice(0, warmupHandshakes),
  );
  const warm = await handshakeBurst(running, targets.slice(warmupHandshakes));
  return { ...warm, coldCpuMs: cold.cpuMs };
}

/** Opens and closes `targets`' sessions, with the proxy's and its database's CPU per handshake. */
async function handshakeBurst(
  running: RunningContender,
  targets: SessionTarget[],
) {
  if (targets.length === 0) return {};
  const cpuBefore = running.cpuMs();
  const dbBefore = running.databaseCpuMs?.();
  const perSecond = await handshakeRate(targets, concurrency);
  const cpuAfter = running.cpuMs();
  const dbAfter = running.databaseCpuMs?.();
  return {
    perSecond,
    cpuMs: spentPer(cpuBefore, cpuAfter, targets.length),
    databaseCpuMs: spentPer(dbBefore, dbAfter, targets.length),
  };
}

async function measureAll(upstreamPort: number): Promise<Figures> {
  const figures: Figures = {};
  for (const contender of contenders) {
    const f: Record<string, number | undefined> = (figures[contender.name] =
      {});
    if (measures.has('bulk')) {
      log(`${contender.name}: bulk ${bulkMB} MB`);
      // Two sessions one after the other: a proxy serves many, and a fresh gateway process runs
      // its first hundreds of MB in unoptimized code. The second is the figure.
      const bulk = await withContender(contender, upstreamPort, async r => {
        const [first, second] = await r.targets(2);
        const cold = await bulkThroughput(first, bulkMB * 1e6);
        const cpuBefore = r.cpuMs();
        const warm = await bulkThroughput(second, bulkMB * 1e6);
        const cpuAfter = r.cpuMs();
        return {
          cold,
          warm,
          cpuPerGB: spentPer(cpuBefore, cpuAfter, bulkMB / 1000),
        };
      });
      f.coldThroughput = bulk?.cold;
      f.throughput = bulk?.warm;
      f.cpuPerGB = bulk?.cpuPerGB;
    }
    if (measures.has('latency')) {
      log(
        `${contender.name}: echo latency, ${latencySessions} sessions × ${LATENCY_ROUNDS}`,
      );
      const echo = await withContender(contender, upstreamPort, async r =>
        echoLatencies(
          await r.targets(latencySessions),
          LATENCY_ROUNDS,
          () => r.cpuMs(),
          ECHO_WARMUP_ROUNDS,
        ),
      );
      f.p50 = echo && percentile(echo.samples, 50);
      f.p99 = echo && percentile(echo.samples, 99);
      // Microseconds: what the proxy adds to every round trip on the shared cores.
      f.cpuPerEcho = echo?.cpuPerRoundTrip && echo.cpuPerRoundTrip * 1000;
    }
    if (measures.has('typing')) {
      log(
        `${contender.name}: paced echo, ${latencySessions} sessions × ${TYPING_KEYS_PER_SECOND} keys/s for ${TYPING_SECONDS} s`,
      );
      const typed = await withContender(contender, upstreamPort, async r =>
        pacedEchoLatencies(
          await r.targets(latencySessions),
          TYPING_KEYS_PER_SECOND,
          TYPING_SECONDS,
          () => r.cpuMs(),
        ),
      );
      if (typed?.late)
        log(`  ${typed.late} keys sent late: the client fell behind`);
      f.typedP50 = typed && percentile(typed.samples, 50);
      f.typedP99 = typed && percentile(typed.samples, 99);
      f.cpuPerTypedEcho =
        typed?.cpuPerRoundTrip && typed.cpuPerRoundTrip * 1000;
    }
    if (measures.has('idle') && contender !== direct) {
      const count = contender === gateway ? gatewayIdleSessions : idleSessions;
      log(`${contender.name}: ${count} idle sessions`);
      f.idleKiB = await withContender(contender, upstreamPort, r =>
        idleRssPerSession(r, count),
      );
    }
    if (measures.has('handshakes')) {
      log(
        `${contender.name}: ${warmupHandshakes} + ${handshakes} handshakes, ${concurrency} at a time`,
      );
      const result = await withContender(contender, upstreamPort, r =>
        handshakeCost(r),
      );
      f.handshakes = result?.perSecond;
      f.coldCpuPerHandshake = result?.coldCpuMs;
      f.cpuPerHandshake = result?.cpuMs;
      f.databaseCpuPerHandshake = result?.databaseCpuMs;
      // What the machine's cores could carry if the proxy and its database had them to
      // themselves: the client and the stand-in share these cores in this run and cap the rate.
      f.handshakeCapacity =
        result?.cpuMs &&
        (os.cpus().length * 1000) /
          (result.cpuMs + (result.databaseCpuMs ?? 0));
    }
    // Each contender's figures as soon as they exist, in case a later one fails or is stopped.
    log(`${contender.name}: ${JSON.stringify(f)}`);
  }
  return figures;
}

const ROWS: Array<
  [key: string, label: string, digits: number, higherIsBetter: boolean]
> = [
  [
    'coldThroughput',
    `bulk output, a fresh proxy's first session (MB/s)`,
    0,
    true,
  ],
  ['throughput', `bulk output, its second session (MB/s)`, 0, true],
  ['cpuPerGB', `proxy CPU per GB of that session's output (ms)`, 0, false],
  ['p50', `echo p50, ${latencySessions} sessions (ms)`, 2, false],
  ['p99', `echo p99, ${latencySessions} sessions (ms)`, 2, false],
  ['cpuPerEcho', `proxy CPU per echo round trip (µs)`, 0, false],
  [
    'typedP50',
    `echo p50, ${latencySessions} sessions typing ${TYPING_KEYS_PER_SECOND} keys/s (ms)`,
    3,
    false,
  ],
  ['typedP99', `echo p99, the same (ms)`, 3, false],
  ['cpuPerTypedEcho', `proxy CPU per typed round trip (µs)`, 0, false],
  ['idleKiB', `RSS per idle session (KiB)`, 1, false],
  ['handshakes', `handshakes/s (${concurrency} at a time)`, 0, true],
  [
    'coldCpuPerHandshake',
    `proxy CPU per handshake, the first ${warmupHandshakes} (ms)`,
    3,
    false,
  ],
  ['cpuPerHandshake', `proxy CPU per handshake, after them (ms)`, 3, false],
  ['databaseCpuPerHandshake', `database CPU per handshake (ms)`, 3, false],
  [
    'handshakeCapacity',
    `handshakes/s the ${os.cpus().length} cores carry (proxy + database CPU)`,
    0,
    true,
  ],
];

/** The values of one figure over the rounds, in order, where measured. */
function valuesOf(rounds: Figures[], name: string, key: string): number[] {
  return rounds
    .map(r => r[name]?.[key])
    .filter((v): v is number => v !== undefined);
}

/** Each figure's median over the rounds. */
function medians(rounds: Figures[]): Figures {
  const result: Figures = {};
  for (const { name } of contenders) {
    result[name] = {};
    for (const [key] of ROWS) {
      const values = valuesOf(rounds, name, key);
      if (values.length > 0) result[name][key] = median(values);
    }
  }
  return result;
}

function printTable(figures: Figures, rounds: Figures[]) {
  const names = contenders.map(c => c.name);
  const cell = (key: string, name: string, digits: number) => {
    const value = figures[name][key];
    if (value === undefined) return '—';
    // Ratios against the direct connection, or against nginx where direct has no figure.
    const base = figures.direct?.[key] ?? figures.nginx?.[key];
    const ratio =
      base && name !== 'direct' ? ` (×${(value / base).toFixed(2)})` : '';
    const all = valuesOf(rounds, name, key);
    const range =
      all.length > 1
        ? ` ${Math.min(...all).toFixed(digits)}–${Math.max(...all).toFixed(
            digits,
          )}`
        : '';
    return `${value.toFixed(digits)}${ratio}${range}`;
  };
  // Rows of measures left out of this run are not printed.
  const measured = ROWS.filter(([key]) =>
    names.some(n => figures[n][key] !== undefined),
  );
  const rows = measured.map(([key, label, digits]) => [
    label,
    ...names.map(n => cell(key, n, digits)),
  ]);
  const header = ['measure', ...names];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map(w => '-'.repeat(w))));
  rows.forEach(r => console.log(line(r)));
}

async function main() {
  const { child: upstream, hello } = await forkTs<{ port: number }>(
    'upstream.ts',
  );
  try {
    const rounds: Figures[] = [];
    for (let round = 1; round <= repeat; round++) {
      if (repeat > 1) log(`round ${round} of ${repeat}`);
      rounds.push(await measureAll(hello.port));
    }
    printTable(medians(rounds), rounds);
    console.log(
      `\n${os.cpus().length} cores, load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}; ` +
        `idle sessions: ${idleSessions} (gateway ${gatewayIdleSessions}); ratios against direct (RSS, CPU: against nginx).`,
    );
    if (contenders.includes(gateway)) {
      console.log(
        `gateway session store: ${
          store === 'pg'
            ? 'Postgres (a fresh database in HATCHWAY_TEST_POSTGRES_URL)'
            : 'SQLite (a file in a temp folder)'
        }`,
      );
    }
  } finally {
    upstream.disconnect();
    await stop(upstream);
  }
}

main().catch(error => {
  log(error.stack ?? String(error));
  process.exit(1);
});

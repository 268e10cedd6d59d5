/** The client side of the benchmark: sessions opened through a contender and what they measure. */
import WebSocket from 'ws';
import {
  encodeInit,
  encodeInput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';
import type { SessionTarget } from './contenders';

/** Opens a session and resolves once ttyd's first two frames (title, preferences) arrived. */
export function openSession(target: SessionTarget): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target.url, [TTYD_SUBPROTOCOL], {
      headers: target.headers,
      perMessageDeflate: false,
    });
    ws.once('error', reject);
    ws.once('close', code =>
      reject(new Error(`closed ${code} before the title`)),
    );
    ws.once('open', () =>
      ws.send(encodeInit({ AuthToken: target.token, columns: 80, rows: 24 })),
    );
    let frames = 0;
    const onMessage = () => {
      if (++frames < 2) return;
      ws.off('message', onMessage);
      ws.removeAllListeners('close');
      ws.removeAllListeners('error');
      ws.on('error', () => undefined);
      resolve(ws);
    };
    ws.on('message', onMessage);
  });
}

/** Runs `work` for every item with at most `concurrency` at once. */
export async function pooled<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

/** MB/s (10^6 bytes) of one session receiving `bytes` of output in 16 KiB frames. */
export async function bulkThroughput(target: SessionTarget, bytes: number) {
  const ws = await openSession(target);
  const started = process.hrtime.bigint();
  let received = 0;
  await new Promise<void>(resolve => {
    ws.on('message', (data: Buffer) => {
      received += data.length - 1;
      if (received >= bytes) resolve();
    });
    ws.send(encodeInput(`bulk ${bytes}`));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  ws.terminate();
  return received / 1e6 / seconds;
}

/**
 * Echo round trips in milliseconds: every session sends, waits for its echo, `rounds` times; and
 * the proxy's CPU ms per round trip over the measured rounds, when `cpuMs` reads it.
 */
export async function echoLatencies(
  targets: SessionTarget[],
  rounds: number,
  cpuMs: () => number | undefined,
  warmup = 3,
): Promise<{ samples: number[]; cpuPerRoundTrip?: number }> {
  const sockets = await pooled(targets, 50, openSession);
  const samples: number[] = [];
  const frame = encodeInput('k');
  let cpuBefore: number | undefined;
  await Promise.all(
    sockets.map(async ws => {
      for (let r = 0; r < warmup + rounds; r++) {
        const sent = process.hrtime.bigint();
        await new Promise<void>(resolve => {
          ws.once('message', () => resolve());
          ws.send(frame);
        });
        if (r >= warmup)
          samples.push(Number(process.hrtime.bigint() - sent) / 1e6);
        // The first session past the warm-up starts the CPU clock.
        else if (r === warmup - 1) cpuBefore ??= cpuMs();
      }
    }),
  );
  const cpuAfter = cpuMs();
  sockets.forEach(ws => ws.terminate());
  return {
    samples,
    cpuPerRoundTrip: spentPer(cpuBefore, cpuAfter, samples.length),
  };
}

/**
 * Echo round trips in milliseconds at a typing pace: every session sends a key `keysPerSecond`
 * times a second on its own schedule (phases spread evenly), whether or not the previous echo has
 * come back, for `warmupSeconds` unmeasured and then `seconds` measured; each sample runs from a
 * key's send to its echo (echoes come back in order on a session). Unlike {@link echoLatencies},
 * whose sessions send again the moment an echo arrives and so keep the cores saturated, this
 * measures what a key costs a typist while the machine has time to spare. Also the proxy's CPU ms
 * per round trip over the measured seconds, when `cpuMs` reads it.
 */
export async function pacedEchoLatencies(
  targets: SessionTarget[],
  keysPerSecond: number,
  seconds: number,
  cpuMs: () => number | undefined,
  warmupSeconds = 2,
): Promise<{ samples: number[]; cpuPerRoundTrip?: number; late: number }> {
  const sockets = await pooled(targets, 50, openSession);
  const frame = encodeInput('k');
  const intervalMs = 1000 / keysPerSecond;
  const samples: number[] = [];
  const inFlight = sockets.map(() => [] as bigint[]);
  let measuring = false;
  sockets.forEach((ws, i) =>
    ws.on('message', () => {
      const sent = inFlight[i].shift();
      if (sent !== undefined && measuring) {
        samples.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
    }),
  );
  const started = performance.now();
  const nextDue = sockets.map((_, i) => (i * intervalMs) / sockets.length);
  // Sends that fell due more than one interval before the ticker came round: the client itself
  // could not keep the pace (the figures then say less about the proxy).
  let late = 0;
  const tick = () => {
    const elapsed = performance.now() - started;
    for (let i = 0; i < sockets.length; i++) {
      while (nextDue[i] <= elapsed) {
        if (elapsed - nextDue[i] > intervalMs) late++;
        nextDue[i] += intervalMs;
        inFlight[i].push(process.hrtime.bigint());
        sockets[i].send(frame);
      }
    }
  };
  const ticker = setInterval(tick, 1);
  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  await sleep(warmupSeconds * 1000);
  measuring = true;
  const cpuBefore = cpuMs();
  await sleep(seconds * 1000);
  const cpuAfter = cpuMs();
  const measured = samples.length;
  measuring = false;
  clearInterval(ticker);
  // Echoes of the last keys still on their way are not waited for.
  sockets.forEach(ws => ws.terminate());
  return {
    samples,
    cpuPerRoundTrip: spentPer(cpuBefore, cpuAfter, measured),
    late,
  };
}

/** Complete handshakes per second: open (upgrade, first message, title) then close. */
export async function handshakeRate(
  targets: SessionTarget[],
  concurrency: number,
) {
  const started = process.hrtime.bigint();
  await pooled(targets, concurrency, async target => {
    const ws = await openSession(target);
    ws.close(1000);
  });
  return targets.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** p-th percentile (0–100) of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** The median of samples (the mean of the middle two for an even count). */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `(after - before) / units`, or undefined when either reading is missing. */
export function spentPer(
  before: number | undefined,
  after: number | undefined,
  units: number,
): number | undefined {
  return before === undefined || after === undefined
    ? undefined
    : (after - before) / units;
}

/**
 * Bulk throughput of one session streaming terminal output, and what it costs each proxy in CPU:
 *   direct  — client straight to the runner (the ceiling; no proxy)
 *   haproxy — HAProxy in tunnel mode, one thread (the reference for CPU per GiB)
 *   gateway — the real gateway (startGateway, all checks, frame taps, metrics): bytes spliced
 *   relay   — (opt-in) a bare frame relay through `ws` on both legs (decode, re-encode each frame)
 *   base    — (opt-in) the gateway of an earlier commit (see gatewayModules)
 *   tcppipe — (opt-in) a bare TCP proxy in Node (`a.pipe(b)` both ways): the floor of a Node splice
 * Each proxy runs in a process of its own; its CPU time (user + system, from /proc) per GiB
 * proxied is the main figure, as the machine is shared and MB/s swings with the load.
 * Run: node -r @backstage/cli/config/nodeTransform.cjs bench/gateway/relayVsSplice.ts
 *   BENCH_MB=1024 ROUNDS=5 CONTENDERS=direct,haproxy,gateway[,relay] CPU_PROF=<dir for the
 *   gateway child's --cpu-prof> HAPROXY=/usr/sbin/haproxy
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  AddressInfo,
  connect,
  createServer as createTcpServer,
} from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { median } from './load';
import { freePort } from './processes';
import { haproxyConfig } from './proxyConfigs';
import {
  encodeInit,
  encodeOutput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';

/**
 * The gateway's test helpers, from this tree or (contender `base`) from an export of an earlier
 * commit: GATEWAY_BASE=<dir>/packages/gateway/src, made with `git archive <commit>
 * packages/gateway/src | tar -x -C <dir>`, so a change is measured against its base in one run.
 */
function gatewayModules(src: string) {
  return {
    ...(require(`${src}/__testUtils__/startTestGateway`) as typeof import('../../packages/gateway/src/__testUtils__/startTestGateway')),
    ...(require(`${src}/__testUtils__/testDatabase`) as typeof import('../../packages/gateway/src/__testUtils__/testDatabase')),
    ...(require(`${src}/__testUtils__/ticketIssuer`) as typeof import('../../packages/gateway/src/__testUtils__/ticketIssuer')),
  };
}

const TOTAL = Number(process.env.BENCH_MB ?? 1024) * 1024 * 1024;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CONTENDERS = (process.env.CONTENDERS ?? 'direct,haproxy,gateway').split(
  ',',
);
const FRAME = encodeOutput(Buffer.alloc(16 * 1024, 0x61));
const RUNNER_HOST = '127.0.0.2';
const tty = (p: Set<string>) =>
  p.has(TTYD_SUBPROTOCOL) ? TTYD_SUBPROTOCOL : false;

/**
 * An HTTP server on `host` whose WebSocket upgrades (subprotocol tty, no compression) go to
 * `onSocket`: the runner stand-in and the frame relay.
 */
async function listenForUpgrades(
  host: string,
  onSocket: (ws: WebSocket) => void,
) {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: tty,
    perMessageDeflate: false,
  });
  const server = createServer();
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, onSocket),
  );
  await new Promise<void>(r => server.listen(0, host, r));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A runner stand-in that streams TOTAL bytes of output after the first message, with backpressure. */
function startStreamingRunner() {
  return listenForUpgrades(RUNNER_HOST, ws =>
    ws.once('message', () => {
      let sent = 0;
      const pump = () => {
        while (sent < TOTAL && ws.bufferedAmount < 1024 * 1024) {
          ws.send(FRAME);
          sent += FRAME.length;
        }
        if (sent < TOTAL) setImmediate(pump);
        else ws.close(1000);
      };
      pump();
    }),
  );
}

/** The frame-relay design: ws on both legs, bufferedAmount backpressure. */
async function startFrameRelay(upstreamUrl: string) {
  const { server, port } = await listenForUpgrades('127.0.0.1', client => {
    const runner = new WebSocket(upstreamUrl, [TTYD_SUBPROTOCOL], {
      perMessageDeflate: false,
    });
    const pipe = (from: WebSocket, to: WebSocket) =>
      from.on('message', (data: Buffer, binary: boolean) => {
        to.send(data, { binary });
        if (to.bufferedAmount > 1024 * 1024) {
          (from as any)._socket.pause();
          const check = () =>
            to.bufferedAmount < 256 * 1024
              ? (from as any)._socket.resume()
              : setImmediate(check);
          setImmediate(check);
        }
      });
    const queued: Buffer[] = [];
    client.on('message', (d: Buffer) =>
      runner.readyState === 1 ? runner.send(d) : queued.push(d),
    );
    runner.once('open', () => queued.splice(0).forEach(d => runner.send(d)));
    pipe(runner, client);
    runner.on('close', code => client.close(code));
    client.on('close', () => runner.close());
  });
  return { server, url: `ws://127.0.0.1:${port}` };
}

/** A bare TCP proxy: what any splice in Node costs at least. */
async function startTcpPipe(runnerPort: number) {
  const server = createTcpServer(client => {
    const runner = connect(runnerPort, RUNNER_HOST);
    client.setNoDelay(true);
    runner.setNoDelay(true);
    client.pipe(runner).on('error', () => client.destroy());
    runner.pipe(client).on('error', () => runner.destroy());
    client.on('error', () => runner.destroy());
    runner.on('error', () => client.destroy());
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

/** Connects, sends ttyd's first message, counts bytes until the close; MB/s. */
function measure(url: string, ticket = 'x'): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [TTYD_SUBPROTOCOL], {
      origin: 'http://localhost:3000',
      perMessageDeflate: false,
    });
    let bytes = 0;
    let started = 0;
    ws.on('open', () => {
      started = performance.now();
      ws.send(encodeInit({ AuthToken: ticket, columns: 80, rows: 24 }));
    });
    ws.on('message', (d: Buffer) => (bytes += d.length));
    ws.on('error', reject);
    ws.on('close', () => {
      if (bytes < TOTAL) reject(new Error(`only ${bytes} bytes arrived`));
      else
        resolve(bytes / 1024 / 1024 / ((performance.now() - started) / 1000));
    });
  });
}

/** A process's CPU time (user + system) in ms, from /proc: the same measure for node and HAProxy. */
function cpuMsOf(pid: number): { total: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [user, system] = [Number(fields[11]), Number(fields[12])];
  // USER_HZ is 100 on Linux: one tick is 10 ms.
  return { total: (user + system) * 10, system: system * 10 };
}

/** read/write-family calls a process made, from /proc (HAProxy's recv/send are not counted). */
function syscallsOf(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) =>
    Number(io.match(new RegExp(`${name}: (\\d+)`))![1]);
  return field('syscr') + field('syscw');
}

/** Runs one proxy design in a child process of its own, so it does not share the client's CPU. */
async function proxyChild(kind: string, runnerPort: number) {
  const send = (m: unknown) => process.send!(m);
  if (kind === 'tcppipe' || kind === 'relay') {
    const url =
      kind === 'tcppipe'
        ? await startTcpPipe(runnerPort)
        : (await startFrameRelay(`ws://${RUNNER_HOST}:${runnerPort}/ws`)).url;
    process.on('message', m => {
      if (m === 'next') send({ url, ticket: 'x' });
    });
  } else {
    const src =
      kind === 'base'
        ? process.env.GATEWAY_BASE!
        : path.join(__dirname, '../../packages/gateway/src');
    const {
      TestTicketIssuer,
      createTestDatabase,
      startTestGateway,
      insertSession,
    } = gatewayModules(src);
    const issuer = await TestTicketIssuer.start();
    const db = await createTestDatabase('better-sqlite3');
    const gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: runnerPort,
    });
    process.on('message', async m => {
      if (m !== 'next') return;
      const s = await insertSession(db.knex, { pod_ip: RUNNER_HOST });
      const ticket = await issuer.sign({
        sid: s.id,
        sub: s.owner,
        puid: s.pod_uid,
      });
      send({ url: `${gateway.url}/sessions/${s.id}`, ticket });
    });
  }
  process.on('message', m => {
    if (m === 'exit') process.exit(0); // lets --cpu-prof write its profile
  });
  send('ready');
}

interface Proxy {
  pid: number;
  next(): Promise<{ url: string; ticket: string }>;
  /** Ends the proxy gracefully (a node child writes its --cpu-prof profile). */
  stop(): void;
  kill(): void;
}

async function startNodeProxy(kind: string, runnerPort: number) {
  const profile = kind === 'gateway' && process.env.CPU_PROF;
  const child = fork(__filename, ['proxy', kind, String(runnerPort)], {
    execArgv: [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // An exported base tree has no node_modules of its own.
    env: {
      ...process.env,
      NODE_PATH: [
        path.join(__dirname, '../../packages/gateway/node_modules'),
        path.join(__dirname, '../../node_modules'),
      ].join(':'),
    },
  });
  // The TypeScript loader also talks over IPC ({type: 'watch'}); only our messages count.
  const ours = () =>
    new Promise<any>(resolve => {
      const on = (m: any) => {
        if (m?.type === 'watch') return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  await ours();
  return {
    pid: child.pid!,
    next: () => {
      const answer = ours();
      child.send('next');
      return answer;
    },
    stop: () => child.send('exit'),
    kill: () => child.kill('SIGKILL'),
  };
}

/** HAProxy in tunnel mode with one thread, configured as bench/gateway configures it. */
async function startHaproxy(runnerPort: number): Promise<Proxy> {
  const port = await freePort();
  const cfg = path.join(mkdtempSync(path.join(tmpdir(), 'splice-')), 'h.cfg');
  writeFileSync(
    cfg,
    haproxyConfig({
      port,
      upstreamPort: runnerPort,
      upstreamHost: RUNNER_HOST,
    }),
  );
  const child: ChildProcess = spawn(
    process.env.HAPROXY ?? '/usr/sbin/haproxy',
    ['-db', '-f', cfg],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await new Promise(r => setTimeout(r, 500));
  if (child.exitCode !== null) throw new Error('haproxy did not start');
  return {
    pid: child.pid!,
    next: async () => ({ url: `ws://127.0.0.1:${port}/ws`, ticket: 'x' }),
    stop: () => child.kill(),
    kill: () => child.kill('SIGKILL'),
  };
}

async function main() {
  const runner = await startStreamingRunner();
  const proxies: Record<string, Proxy> = {};
  // Children go with this process however it ends (a timeout included).
  process.on('exit', () => Object.values(proxies).forEach(p => p.kill()));
  process.on('SIGTERM', () => process.exit(143));
  for (const name of CONTENDERS) {
    if (name === 'haproxy') proxies[name] = await startHaproxy(runner.port);
    else if (name !== 'direct')
      proxies[name] = await startNodeProxy(name, runner.port);
  }
  const mbps: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const sys: Record<string, number[]> = {};
  const calls: Record<string, number[]> = {};
  const perGiB = 1024 / (TOTAL / 1024 / 1024);
  const load = [loadavg()[0]];
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of CONTENDERS) {
      mbps[name] ??= [];
      cpu[name] ??= [];
      sys[name] ??= [];
      calls[name] ??= [];
      if (name === 'direct') {
        mbps[name].push(await measure(`ws://${RUNNER_HOST}:${runner.port}/ws`));
        continue;
      }
      const proxy = proxies[name];
      const target = await proxy.next();
      const before = cpuMsOf(proxy.pid);
      const callsBefore = syscallsOf(proxy.pid);
      mbps[name].push(await measure(target.url, target.ticket));
      const after = cpuMsOf(proxy.pid);
      console.error(
        `round ${round + 1} ${name}: ${mbps[name].at(-1)!.toFixed(0)} MB/s, ${(
          (after.total - before.total) *
          perGiB
        ).toFixed(0)} ms/GiB`,
      );
      cpu[name].push((after.total - before.total) * perGiB);
      sys[name].push((after.system - before.system) * perGiB);
      calls[name].push(
        (syscallsOf(proxy.pid) - callsBefore) / (TOTAL / 1024 / 1024),
      );
    }
    load.push(loadavg()[0]);
  }
  const mb = Math.round(TOTAL / 1024 / 1024);
  console.log(
    `one session, ${mb} MB of 16 KiB output frames, ${ROUNDS} rounds; load average ${load
      .map(l => l.toFixed(1))
      .join(' → ')}`,
  );
  console.log(
    `  ${'contender'.padEnd(9)} ${'MB/s median'.padStart(
      11,
    )} ${'CPU ms/GiB median'.padStart(17)} ${'of it kernel'.padStart(
      12,
    )}   rounds (MB/s; CPU ms/GiB)`,
  );
  for (const name of CONTENDERS) {
    const c = cpu[name].length ? median(cpu[name]).toFixed(0) : '—';
    const k = sys[name].length ? median(sys[name]).toFixed(0) : '—';
    const rw = calls[name]?.length ? median(calls[name]).toFixed(0) : '—';
    console.log(
      `  ${name.padEnd(9)} ${median(mbps[name])
        .toFixed(0)
        .padStart(11)} ${c.padStart(17)} ${k.padStart(12)} ${rw.padStart(
        17,
      )}   ${mbps[name].map(v => v.toFixed(0)).join(' / ')}; ${cpu[name]
        .map(v => v.toFixed(0))
        .join(' / ')}`,
    );
  }
  for (const proxy of Object.values(proxies)) proxy.stop();
  runner.server.close();
  await new Promise(r => setTimeout(r, 1000));
  process.exit(0);
}

const run =
  process.argv[2] === 'proxy'
    ? proxyChild(process.argv[3], Number(process.argv[4]))
    : main();
run.catch(error => {
  console.error(error);
  process.exit(1);
});

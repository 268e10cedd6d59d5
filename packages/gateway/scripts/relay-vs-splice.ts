/**
 * Throughput of the gateway's two possible data paths, one session streaming terminal output:
 *   direct  — client straight to the runner (the ceiling)
 *   relay   — a frame relay through `ws` on both legs (decode every frame, re-encode it)
 *   splice  — the real gateway (startGateway, all checks, frame taps, metrics): bytes spliced
 * Run: node -r @backstage/cli/config/nodeTransform.cjs packages/gateway/scripts/relay-vs-splice.ts (BENCH_MB=300)
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  encodeInit,
  encodeOutput,
  TTYD_SUBPROTOCOL,
} from '@hatchway/plugin-terminal-common';
import { startTestGateway } from '../src/__testUtils__/startTestGateway';
import {
  createTestDatabase,
  insertSession,
} from '../src/__testUtils__/testDatabase';
import { TestTicketIssuer } from '../src/__testUtils__/ticketIssuer';

const TOTAL = Number(process.env.BENCH_MB ?? 300) * 1024 * 1024;
const FRAME = encodeOutput(Buffer.alloc(16 * 1024, 0x61));
const tty = (p: Set<string>) =>
  p.has(TTYD_SUBPROTOCOL) ? TTYD_SUBPROTOCOL : false;

/** A runner stand-in that streams TOTAL bytes of output after the first message, with backpressure. */
async function startStreamingRunner(host: string) {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: tty,
    perMessageDeflate: false,
  });
  const server = createServer();
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, ws =>
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
    ),
  );
  await new Promise<void>(r => server.listen(0, host, r));
  return { server, port: (server.address() as AddressInfo).port };
}

/** The frame-relay design: ws on both legs, bufferedAmount backpressure. */
async function startFrameRelay(upstreamUrl: string) {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: tty,
    perMessageDeflate: false,
  });
  const server = createServer();
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, client => {
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
    }),
  );
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

/** Connects, sends ttyd's first message, counts bytes until the close; MB/s. */
function measure(
  url: string,
  ticket = 'x',
  origin = 'http://localhost:3000',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [TTYD_SUBPROTOCOL], {
      origin,
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

/** Runs one proxy design in a child process of its own, so it does not share the client's CPU. */
async function proxyChild(kind: string, runnerPort: number) {
  const send = (m: unknown) => process.send!(m);
  // CPU time is the fair comparison on a shared machine, where throughput swings with the load.
  process.on('message', m => {
    if (m === 'cpu') send({ cpu: process.cpuUsage() });
  });
  if (kind === 'relay') {
    const relay = await startFrameRelay(`ws://127.0.0.2:${runnerPort}/ws`);
    process.on('message', m => {
      if (m === 'next') send({ url: relay.url, ticket: 'x' });
    });
  } else {
    const issuer = await TestTicketIssuer.start();
    const db = await createTestDatabase('better-sqlite3');
    const gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: runnerPort,
    });
    process.on('message', async m => {
      if (m !== 'next') return;
      const s = await insertSession(db.knex, { pod_ip: '127.0.0.2' });
      const ticket = await issuer.sign({
        sid: s.id,
        sub: s.owner,
        puid: s.pod_uid,
      });
      send({ url: `${gateway.url}/sessions/${s.id}`, ticket });
    });
  }
  send('ready');
}

function startProxy(kind: string, runnerPort: number) {
  const child = fork(__filename, ['proxy', kind, String(runnerPort)], {
    execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
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
  const ready = ours();
  const cpuMs = async (): Promise<number> => {
    await ready;
    const answer = ours();
    child.send('cpu');
    const { cpu } = await answer;
    return (cpu.user + cpu.system) / 1000;
  };
  const next = async (): Promise<{ url: string; ticket: string }> => {
    await ready;
    const answer = ours();
    child.send('next');
    return answer;
  };
  return { ready, next, cpuMs, stop: () => child.kill() };
}

async function main() {
  const runner = await startStreamingRunner('127.0.0.2');
  const relay = startProxy('relay', runner.port);
  const splice = startProxy('splice', runner.port);
  await Promise.all([relay.ready, splice.ready]);
  const results: Record<string, number[]> = {
    direct: [],
    relay: [],
    splice: [],
  };
  const cpu: Record<string, number[]> = { relay: [], splice: [] };
  const perGiB = 1024 / (TOTAL / 1024 / 1024);
  for (let round = 0; round < 3; round++) {
    results.direct.push(await measure(`ws://127.0.0.2:${runner.port}/ws`));
    for (const [name, proxy] of [
      ['relay', relay],
      ['splice', splice],
    ] as const) {
      const target = await proxy.next();
      const before = await proxy.cpuMs();
      results[name].push(await measure(target.url, target.ticket));
      cpu[name].push(((await proxy.cpuMs()) - before) * perGiB);
    }
  }
  const mb = Math.round(TOTAL / 1024 / 1024);
  const print = (title: string, table: Record<string, number[]>) => {
    console.log(title);
    for (const [name, runs] of Object.entries(table)) {
      console.log(
        `  ${name.padEnd(7)} ${runs.map(v => v.toFixed(0)).join(' / ')}`,
      );
    }
  };
  print(
    `one session, ${mb} MB of 16 KiB output frames, 3 rounds (MB/s):`,
    results,
  );
  print('proxy CPU time per GiB proxied (ms; includes the handshake):', cpu);
  relay.stop();
  splice.stop();
  runner.server.close();
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

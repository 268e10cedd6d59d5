/**
 * The four contenders — the upstream directly, nginx, HAProxy and the Hatchway gateway — and, on
 * request, a bare Node TCP proxy.
 */
import { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  forkTs,
  freePort,
  nextMessage,
  spawnServer,
  stop,
  postgresServerCpuMs,
  treeCpuMs,
  treeRss,
} from './processes';
import { nginxConfig, haproxyConfig } from './proxyConfigs';

/** The Origin the benchmark's clients send to the gateway (which checks it). */
export const BENCH_ORIGIN = 'http://localhost:3000';

/** Where one benchmark session connects, and the first message's AuthToken. */
export interface SessionTarget {
  url: string;
  token: string;
  headers: Record<string, string>;
}

/** A started contender. */
export interface RunningContender {
  /** `count` fresh targets (the gateway's tickets are single-use). */
  targets(count: number): Promise<SessionTarget[]>;
  /** RSS of the proxy's processes in bytes; undefined for the direct connection. */
  rss(): number | undefined;
  /** CPU milliseconds the proxy's processes used so far; undefined for the direct connection. */
  cpuMs(): number | undefined;
  /** CPU time of the contender's database server so far (the gateway on Postgres). */
  databaseCpuMs?(): number;
  stop(): Promise<void>;
}

/** How the gateway contender runs. */
export interface GatewayOptions {
  /** Its session store: Postgres (`HATCHWAY_TEST_POSTGRES_URL`) or a SQLite file. */
  store: 'pg' | 'sqlite';
  /** When set, the gateway process writes a V8 CPU profile here (`--cpu-prof`) as it exits. */
  profileDir?: string;
}

/** A contender the benchmark can start in a scratch folder in front of the upstream. */
export interface Contender {
  name: string;
  start(upstreamPort: number, dir: string): Promise<RunningContender>;
}

function fixedTargets(url: string, headers: Record<string, string> = {}) {
  return async (count: number) =>
    Array.from({ length: count }, () => ({ url, token: 'bench', headers }));
}

function proxyProcess(child: ChildProcess, url: string): RunningContender {
  return {
    targets: fixedTargets(url),
    rss: () => treeRss(child.pid!),
    cpuMs: () => treeCpuMs(child.pid!),
    stop: () => stop(child),
  };
}

export const direct: Contender = {
  name: 'direct',
  async start(upstreamPort) {
    return {
      targets: fixedTargets(`ws://127.0.0.1:${upstreamPort}/ws`),
      rss: () => undefined,
      cpuMs: () => undefined,
      stop: async () => undefined,
    };
  },
};

export const nginx: Contender = {
  name: 'nginx',
  async start(upstreamPort, dir) {
    const port = await freePort();
    mkdirSync(path.join(dir, 'tmp'), { recursive: true });
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConfig({ dir, port, upstreamPort }));
    const child = await spawnServer(
      'nginx',
      ['-c', conf, '-p', dir, '-e', path.join(dir, 'error.log')],
      port,
    );
    return proxyProcess(child, `ws://127.0.0.1:${port}/ws`);
  },
};

export const haproxy: Contender = {
  name: 'haproxy',
  async start(upstreamPort, dir) {
    const port = await freePort();
    const cfg = path.join(dir, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfig({ port, upstreamPort }));
    const child = await spawnServer('haproxy', ['-f', cfg, '-db'], port);
    return proxyProcess(child, `ws://127.0.0.1:${port}/ws`);
  },
};

/** The Hatchway gateway in a process of its own, on the chosen session store. */
export function hatchwayGateway(options: GatewayOptions): Contender {
  return {
    name: 'gateway',
    async start(upstreamPort) {
      const { child, hello } = await forkTs<{
        url: string;
        dataDirectory?: string;
      }>(
        'gatewayProcess.ts',
        [String(upstreamPort), options.store],
        options.profileDir
          ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir]
          : [],
      );
      return {
        async targets(count) {
          const reply = nextMessage<{
            targets: { url: string; token: string }[];
          }>(child);
          child.send({ count });
          return (await reply).targets.map(t => ({
            ...t,
            headers: { Origin: BENCH_ORIGIN },
          }));
        },
        rss: () => treeRss(child.pid!),
        cpuMs: () => treeCpuMs(child.pid!),
        databaseCpuMs: hello.dataDirectory
          ? () => postgresServerCpuMs(hello.dataDirectory!)
          : undefined,
        stop: async () => {
          // Disconnecting makes it close and exit by itself (writing its profile, if any).
          const exited = new Promise(r => child.once('exit', r));
          child.disconnect();
          await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
          await stop(child);
        },
      };
    },
  };
}

/** A bare Node TCP proxy (nodeTcpProxy.ts): opt-in, the floor of a proxy written in Node. */
export const nodeTcp: Contender = {
  name: 'node',
  async start(upstreamPort) {
    const { child, hello } = await forkTs<{ port: number }>('nodeTcpProxy.ts', [
      String(upstreamPort),
    ]);
    return proxyProcess(child, `ws://127.0.0.1:${hello.port}/ws`);
  },
};

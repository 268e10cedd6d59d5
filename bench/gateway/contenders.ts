/** The four contenders: the upstream directly, nginx, HAProxy and the Hatchway gateway. */
import { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  forkTs,
  freePort,
  nextMessage,
  spawnServer,
  stop,
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
  stop(): Promise<void>;
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
    stop: () => stop(child),
  };
}

export const direct: Contender = {
  name: 'direct',
  async start(upstreamPort) {
    return {
      targets: fixedTargets(`ws://127.0.0.1:${upstreamPort}/ws`),
      rss: () => undefined,
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

export const hatchwayGateway: Contender = {
  name: 'gateway',
  async start(upstreamPort) {
    const { child } = await forkTs<{ url: string }>('gatewayProcess.ts', [
      String(upstreamPort),
    ]);
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
      stop: async () => {
        child.disconnect();
        await stop(child);
      },
    };
  },
};

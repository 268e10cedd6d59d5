/*
 * Benchmark of the kube-emulator API server (not part of the test run).
 *
 *   . scripts/bootstrap.sh   (from the repository root)
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/kube-emulator/bench.ts [pods] [watchers]
 *
 * The server runs in its own process (as with the CLI) so client work does not slow it down and
 * its RSS is its own. Prints: creating N pods, listing them all (raw HTTP and through
 * client-node), a label-selected list, kubectl-style paging, W concurrent watchers each
 * receiving every event of a burst of writes, and the server's memory.
 */
import { fork, ChildProcess } from 'node:child_process';
import http from 'node:http';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startApiServer } from '../../packages/kube-emulator/src';

const PODS = Number(process.argv[2] ?? 10000);
const WATCHERS = Number(process.argv[3] ?? 100);
const WATCHED_WRITES = 1000;
const CONCURRENCY = 32;
const NS = 'bench';

/** Child mode: run the server, report its address, answer memory queries. */
async function serve(): Promise<void> {
  const server = await startApiServer({ port: 0, watchCacheSize: 20000 });
  process.on('message', msg => {
    if (msg === 'mem') process.send!({ mem: process.memoryUsage() });
    if (msg === 'gc') {
      global.gc?.();
      process.send!({ gc: true });
    }
  });
  process.send!({
    url: server.url,
    token: server.adminToken,
    kubeConfig: server.kubeConfig(),
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
let base = '';
let token = '';

function request(
  method: string,
  path: string,
  body?: string,
  type = 'application/json',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function pod(i: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `pod-${String(i).padStart(5, '0')}`,
      labels: { app: 'bench', shard: String(i % 100) },
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'ghcr.io/example/app:1.0',
          env: [{ name: 'INDEX', value: String(i) }],
          ports: [{ containerPort: 8080 }],
          resources: { requests: { cpu: '10m', memory: '16Mi' } },
        },
      ],
    },
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function median(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(fn));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Runs `count` operations with CONCURRENCY in flight. */
async function pool(
  count: number,
  op: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await op(next++);
    }),
  );
}

const ask = (child: ChildProcess, msg: string, key: string) =>
  new Promise<any>(resolve => {
    const on = (m: any) => {
      if (m && key in m) {
        child.off('message', on);
        resolve(m[key]);
      }
    };
    child.on('message', on);
    child.send(msg);
  });

async function main(): Promise<void> {
  const child = fork(__filename, ['--serve'], {
    execArgv: ['--expose-gc', '-r', '@backstage/cli/config/nodeTransform.cjs'],
  });
  const info = await new Promise<any>(resolve => {
    const on = (m: any) => {
      if (m && typeof m === 'object' && 'url' in m) {
        child.off('message', on);
        resolve(m);
      }
    };
    child.on('message', on);
  });
  base = info.url;
  token = info.token;
  const rows: string[][] = [];
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const record = (what: string, value: string, note = '') => {
    rows.push([what, value, note]);
    console.error(`  ${what}: ${value} ${note}`);
  };
  console.error(
    `kube-emulator benchmark at ${base}: ${PODS} pods, ${WATCHERS} watchers`,
  );
  try {
    await request(
      'POST',
      '/api/v1/namespaces',
      JSON.stringify({ metadata: { name: NS } }),
    );
    await ask(child, 'gc', 'gc');
    const idle = await ask(child, 'mem', 'mem');

    const createMs = await timed(() =>
      pool(PODS, async i => {
        const res = await request(
          'POST',
          `/api/v1/namespaces/${NS}/pods`,
          JSON.stringify(pod(i)),
        );
        if (res.status !== 201)
          throw new Error(`create failed: ${res.status} ${res.text}`);
      }),
    );
    record(
      `create ${PODS} pods`,
      ms(createMs),
      `${Math.round(
        PODS / (createMs / 1000),
      )} pods/s, ${CONCURRENCY} requests in flight`,
    );

    let size = 0;
    let parseMs = 0;
    const listMs = await median(5, async () => {
      const res = await request('GET', `/api/v1/namespaces/${NS}/pods`);
      size = res.text.length / 1048576;
      const t = performance.now();
      if (JSON.parse(res.text).items.length !== PODS)
        throw new Error('short list');
      parseMs = performance.now() - t;
    });
    record(
      `list all ${PODS} pods`,
      ms(listMs - parseMs),
      `median of 5: request until the last byte (${size.toFixed(
        1,
      )} MiB); goal <= 300 ms`,
    );
    record(
      `  + client JSON.parse`,
      ms(listMs),
      `the same list including the client's JSON.parse (${ms(parseMs)})`,
    );
    const kc = new KubeConfig();
    kc.loadFromString(info.kubeConfig);
    const core = kc.makeApiClient(CoreV1Api);
    const typedMs = await median(3, async () => {
      if (
        (await core.listNamespacedPod({ namespace: NS })).items.length !== PODS
      )
        throw new Error('short list');
    });
    record(
      `list all ${PODS} pods, client-node`,
      ms(typedMs),
      'median of 3, incl. client-node model deserialization',
    );

    const selectedMs = await median(5, async () => {
      const res = await request(
        'GET',
        `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent(
          'app=bench,shard in (7)',
        )}`,
      );
      if (JSON.parse(res.text).items.length !== Math.ceil(PODS / 100))
        throw new Error('wrong selection');
    });
    record(
      'label-selected list (1% match)',
      ms(selectedMs),
      'median of 5, labelSelector=app=bench,shard in (7)',
    );

    const pagedMs = await median(3, async () => {
      let cont = '';
      let count = 0;
      do {
        const res = JSON.parse(
          (
            await request(
              'GET',
              `/api/v1/namespaces/${NS}/pods?limit=500${
                cont ? `&continue=${encodeURIComponent(cont)}` : ''
              }`,
            )
          ).text,
        );
        count += res.items.length;
        cont = res.metadata.continue ?? '';
      } while (cont);
      if (count !== PODS) throw new Error('paging lost items');
    });
    record(
      'paged list, limit=500 (kubectl)',
      ms(pagedMs),
      'median of 3, whole collection',
    );

    const rv = JSON.parse(
      (await request('GET', `/api/v1/namespaces/${NS}/pods?limit=1`)).text,
    ).metadata.resourceVersion;
    const counts = new Array(WATCHERS).fill(0);
    let complete = 0;
    let allReceived: () => void = () => undefined;
    const received = new Promise<void>(r => (allReceived = r));
    const streams: http.ClientRequest[] = [];
    await Promise.all(
      counts.map(
        (_, w) =>
          new Promise<void>(resolve => {
            const req = http.get(
              `${base}/api/v1/namespaces/${NS}/pods?watch=1&resourceVersion=${rv}`,
              { headers: { authorization: `Bearer ${token}` } },
              res => {
                resolve();
                res.on('data', (chunk: Buffer) => {
                  for (const b of chunk) if (b === 10) counts[w]++;
                  if (counts[w] === WATCHED_WRITES && ++complete === WATCHERS)
                    allReceived();
                });
              },
            );
            streams.push(req);
          }),
      ),
    );
    const watchMs = await timed(async () => {
      await pool(WATCHED_WRITES, async i => {
        const body = JSON.stringify({
          metadata: { annotations: { touched: String(i) } },
        });
        const res = await request(
          'PATCH',
          `/api/v1/namespaces/${NS}/pods/pod-${String(i).padStart(5, '0')}`,
          body,
          'application/merge-patch+json',
        );
        if (res.status !== 200)
          throw new Error(`patch failed: ${res.status} ${res.text}`);
      });
      await received;
    });
    streams.forEach(s => s.destroy());
    const events = WATCHERS * WATCHED_WRITES;
    record(
      `${WATCHERS} watchers x ${WATCHED_WRITES} updates`,
      ms(watchMs),
      `every watcher got every event: ${events} events, ${Math.round(
        events / (watchMs / 1000),
      )} events/s`,
    );

    await ask(child, 'gc', 'gc');
    const mem = await ask(child, 'mem', 'mem');
    const mib = (n: number) => `${Math.round(n / 1048576)} MiB`;
    record(
      'server RSS, empty',
      mib(idle.rss),
      `heap used ${mib(idle.heapUsed)} (the TypeScript loader is part of it)`,
    );
    record(
      `server RSS, ${PODS} pods`,
      mib(mem.rss),
      `heap used ${mib(mem.heapUsed)}, after GC`,
    );
  } finally {
    child.kill();
    agent.destroy();
  }
  const width = [0, 1, 2].map(i =>
    Math.max(
      ...[['measure', 'result', 'notes'], ...rows].map(r => r[i].length),
    ),
  );
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  console.log(line(['measure', 'result', 'notes']));
  console.log(`|${width.map(w => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach(r => console.log(line(r)));
}

(process.argv.includes('--serve') ? serve() : main()).catch(e => {
  console.error(e);
  process.exit(1);
});

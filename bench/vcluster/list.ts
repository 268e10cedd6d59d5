/**
 * vCluster backend figures: `GET /clusters` with 1,000 vClusters (ms per list, Kubernetes API
 * requests per list, counted at the emulator). create → Ready: create.ts.
 * Run: node -r @backstage/cli/config/nodeTransform.cjs bench/vcluster/list.ts [count=1000]
 */
import { runBench, withVClusterBench } from './harness';

const JANE = 'user:default/jane';
const count = Number(process.argv[2] ?? 1000);

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await withVClusterBench({}, async ({ emulator, knex, as }) => {
    const now = Date.now();
    const rows = Array.from({ length: count }, (_, i) => ({
      name: `bench-${i}`,
      cluster: 'host',
      owner: i % 2 ? JANE : 'group:default/team-a',
      size: 'small',
      phase: 'Ready',
      desired: 'running',
      created_by: JANE,
      created_at: new Date(now - i * 1000),
      updated_at: new Date(now),
      phase_since: new Date(now),
      applied_at: new Date(now),
      ready_at: new Date(now),
      expires_at: new Date(now + 8 * 3600e3),
      running_seconds: 0,
      ttl_warnings_sent: '',
    }));
    for (let i = 0; i < rows.length; i += 100) {
      await knex('vcluster_clusters').insert(rows.slice(i, i + 100));
    }
    const counter = emulator.server.faults.add({ latencyMs: 0 }); // matches every request
    const lists: Array<[string, string]> = [
      ['first page, limit=100', '/clusters?limit=100'],
      ['all, limit=500 (2 pages)', ''],
      [
        'owner filter, limit=100',
        `/clusters?owner=${encodeURIComponent(JANE)}&limit=100`,
      ],
    ];
    console.log(
      `| measure | median ms (of 7) | Kubernetes requests per list |`,
    );
    for (const [label, path] of lists) {
      const times: number[] = [];
      const before = counter.hits;
      for (let run = 0; run < 7; run++) {
        const start = performance.now();
        if (path) {
          const res = await as(JANE).get(path);
          if (res.status !== 200) throw new Error(`${res.status}`);
        } else {
          let cursor = '';
          do {
            const res = await as(JANE).get(
              `/clusters?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
            );
            cursor = res.body.nextCursor ?? '';
          } while (cursor);
        }
        times.push(performance.now() - start);
      }
      const requests =
        (emulator.server.faults.list().find(f => f.id === counter.id)?.hits ??
          0) - before;
      console.log(
        `| ${label} (${count} vClusters) | ${median(times).toFixed(1)} | ${
          requests / 7
        } |`,
      );
    }
  });
}

runBench(main);

/**
 * vCluster create → Ready latency through the real API, DirectProvisioner and the emulator with
 * the portal's (default) controller timings. The periodic resync is set to an hour, so Ready
 * has to follow from the host cluster watches alone.
 * Run: node -r @backstage/cli/config/nodeTransform.cjs bench/vcluster/create.ts [count=5]
 */
import { runBench, withVClusterBench } from './harness';

const JANE = 'user:default/jane';
const count = Number(process.argv[2] ?? 5);
const LIMIT_MS = 240_000;

async function main() {
  await withVClusterBench(
    { realTimings: true, vcluster: { quotas: { perUser: count } } },
    async ({ as }) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const name = `bench-create-${i}`;
        const start = performance.now();
        const res = await as(JANE).post('/clusters', { name, size: 'small' });
        if (res.status !== 202) throw new Error(`create: ${res.status}`);
        for (;;) {
          const { body } = await as(JANE).get(`/clusters/${name}`);
          if (body.phase === 'Ready') break;
          if (body.phase === 'Failed')
            throw new Error(`Failed: ${body.reason}`);
          if (performance.now() - start > LIMIT_MS) {
            throw new Error(
              `${name} not Ready after ${LIMIT_MS} ms: ${body.reason}`,
            );
          }
          await new Promise(r => setTimeout(r, 20));
        }
        times.push(performance.now() - start);
        console.log(`create → Ready ${name}: ${times[i].toFixed(0)} ms`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `create → Ready over ${count}: median ${sorted[
          Math.floor(count / 2)
        ].toFixed(0)} ms, max ${sorted[count - 1].toFixed(0)} ms (resync 1 h)`,
      );
    },
  );
}

runBench(main);

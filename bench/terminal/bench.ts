/**
 * Terminal session start figures: POST /sessions → first output byte over a real ws connection
 * straight to the runner pod (as the gateway connects, with the stored credential), warm (a warm
 * pool of Ready dev runners) and cold (warmPool 0, a new Job per session), p50/p95 over N starts,
 * next to the goals. Emulator with the dev runner (real node + tmux processes), SQLite in memory.
 * Each start is also broken into stages (watch events, the runner's timing log lines, the
 * session row's ready_at; this process's CPU beside them), see timeline.ts.
 * Run: node -r @backstage/cli/config/nodeTransform.cjs bench/terminal/bench.ts [n=50]
 *   [modes=warm,cold] [runner=cached|transform|both] — `transform` starts the dev runner as the
 *   launcher did before its transpile cache (node -r nodeTransform.cjs src/cli.ts); `both`
 *   alternates the two start by start (a second profile and image), so both see the same load.
 */
import './jestShim';
import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { knex as knexFactory, Knex } from 'knex';
import os from 'node:os';
import {
  JANE,
  startTerminal,
} from '../../plugins/terminal-backend/src/__testUtils__/backend';
import { terminalConfig } from '../../plugins/terminal-backend/src/__testUtils__/config';
import {
  DEV_RUNNER,
  eventually,
  RUNNER_IMAGE,
  RUNNER_NAMESPACE,
  startRunnerCluster,
} from '../../plugins/terminal-backend/src/__testUtils__/emulator';
import { connectToRunner } from '../../plugins/terminal-backend/src/__testUtils__/ttydClient';
import { RunnerLabels } from '../../plugins/terminal-backend/src/kubernetes/labels';
import {
  mark,
  readRunnerTimings,
  stageTable,
  StartTimeline,
  watchStarts,
} from './timeline';

const option = (name: string) =>
  process.argv.find(a => a.startsWith(`${name}=`))?.slice(name.length + 1);
const N = Number(option('n') ?? process.argv[2] ?? 50);
type Launcher = 'cached' | 'transform';
const RUNNER = option('runner') ?? 'cached';
/**
 * Warm starts do not depend on the launcher (their runners started earlier), and two pools
 * refilling side by side slow each other's starts: `runner=both` measures cold starts only.
 */
const MODES = (
  option('modes') ?? (RUNNER === 'both' ? 'cold' : 'warm,cold')
).split(',') as ('warm' | 'cold')[];
/** `both` alternates the launchers start by start, so that both see the same load. */
const LAUNCHERS: Launcher[] =
  RUNNER === 'both' ? ['cached', 'transform'] : [RUNNER as Launcher];
const TIMINGS_ENV = { HATCHWAY_RUNNER_TIMINGS: '1' };
/** The launcher before its transpile cache: the CLI's TypeScript loader at every start. */
const TRANSFORM_RUNNER = {
  command: process.execPath,
  args: [
    '-r',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    require.resolve('@hatchway/runner/src/cli.ts'),
  ],
  env: TIMINGS_ENV,
};
/** Beside the cached launcher (`runner=both`), pods of this image start the transform way. */
const TRANSFORM_IMAGE = 'hatchway/runner-transform';
const profileOf = (launcher: Launcher) =>
  launcher === 'transform' && RUNNER === 'both' ? 'shell-transform' : 'shell';
const WARM_POOL = 2;
const GOALS = { warm: 250, cold: 1500 };

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor(xs.length * p))
  ];

interface Run {
  ready: number[];
  firstByte: number[];
  warmHits: number;
  timelines: StartTimeline[];
  load: [number, number];
}

async function measure(mode: 'warm' | 'cold'): Promise<Map<Launcher, Run>> {
  // A range apart from the tests' (127.79.x.y), so a test run beside the bench cannot collide.
  const cluster = await startRunnerCluster({
    podIpRange: '127.78.0.0/16',
    runner:
      RUNNER === 'transform'
        ? TRANSFORM_RUNNER
        : { command: DEV_RUNNER, env: TIMINGS_ENV },
    processPods: [{ image: TRANSFORM_IMAGE, ...TRANSFORM_RUNNER }],
  });
  const starts = await watchStarts(cluster.kubeConfig, RUNNER_NAMESPACE);
  const knex: Knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const base = terminalConfig(cluster.emulator, {
    limits: { perUser: 1000, global: 1000 },
  });
  const config = {
    ...base,
    terminal: {
      ...base.terminal,
      // The dev runner profile, with or without a pool (the test config's pooled profile
      // runs a stand-in that only accepts TCP, which cannot say its first byte).
      profiles: Object.fromEntries(
        LAUNCHERS.map(launcher => [
          profileOf(launcher),
          {
            ...base.terminal.profiles.shell,
            ...(profileOf(launcher) === 'shell-transform' && {
              image: TRANSFORM_IMAGE,
            }),
            warmPool: mode === 'warm' ? WARM_POOL : 0,
          },
        ]),
      ),
    },
  };
  const { backend, as } = await startTerminal({ knex, config });
  const jane = as(JANE);
  const runs = new Map<Launcher, Run>(
    LAUNCHERS.map(launcher => [
      launcher,
      {
        ready: [],
        firstByte: [],
        warmHits: 0,
        timelines: [],
        load: [os.loadavg()[0], 0],
      },
    ]),
  );
  try {
    for (let i = 0; i < N * LAUNCHERS.length; i++) {
      const launcher = LAUNCHERS[i % LAUNCHERS.length];
      const profile = profileOf(launcher);
      const run = runs.get(launcher)!;
      // A warm start is measured with the pool full again (as between users' starts); a cold
      // one when no earlier runner is still starting, so each start has the node to itself.
      if (mode === 'warm') await poolFull(cluster, profile);
      const posted = mark();
      const start = performance.now();
      const created = await jane.post('/sessions').send({ profile });
      if (created.status !== 201) throw new Error(`POST ${created.status}`);
      const { id } = created.body;
      if (created.body.warm) run.warmHits++;
      await eventually(
        async () => (await jane.get(`/sessions/${id}`)).body.state === 'Ready',
        30_000,
        `session ${id} Ready`,
      );
      run.ready.push(performance.now() - start);
      const timeline = starts.of(id);
      timeline.post = posted;
      timeline.apiReady = mark();
      const row = await knex(SessionStoreTables.sessions).where({ id }).first();
      timeline.rowReadyAt = new Date(row.ready_at).getTime();
      const shell = await connectToRunner(row.pod_ip, row.ttyd_credential);
      timeline.wsOpen = mark();
      await eventually(() => shell.firstOutputAt(), 20_000, 'first byte');
      run.firstByte.push(performance.now() - start);
      timeline.firstByte = { at: shell.firstOutputAt()!, cpuMs: mark().cpuMs };
      await readRunnerTimings(cluster.core, RUNNER_NAMESPACE, timeline);
      run.timelines.push(timeline);
      // Sessions stay up until the run ends: ending one deletes its Job, and a runner pod the
      // emulator deletes before binding it (the Job controller's replacement) turns its
      // kubelet's binding off for good (the end-to-end tests' note in endToEnd.test.ts).
      await shell.close();
    }
  } finally {
    for (const run of runs.values()) run.load[1] = os.loadavg()[0];
    starts.stop();
    await backend.stop();
    await cluster.emulator.close();
    await knex.destroy();
  }
  return runs;
}

/** Waits until every warm runner of the pool is Ready (and the backend's informer saw it). */
async function poolFull(
  cluster: Awaited<ReturnType<typeof startRunnerCluster>>,
  profile: string,
) {
  await eventually(
    async () => {
      const { items } = await cluster.core.listNamespacedPod({
        namespace: RUNNER_NAMESPACE,
        labelSelector: `${RunnerLabels.pool}=warm,${RunnerLabels.profile}=${profile}`,
      });
      return (
        items.filter(p =>
          p.status?.conditions?.some(
            c => c.type === 'Ready' && c.status === 'True',
          ),
        ).length >= WARM_POOL
      );
    },
    30_000,
    'warm pool full',
  );
  await new Promise(r => setTimeout(r, 100));
}

async function main() {
  console.log(
    `${N} starts each; image ${RUNNER_IMAGE} (dev runner, launcher ${RUNNER}), warm pool ${WARM_POOL}`,
  );
  console.log(
    '| start | launcher | POST→Ready p50 / p95 ms | POST→first byte p50 / p95 ms | goal (first byte p50) | warm hits | load avg (1 min) |',
  );
  const stages: string[] = [];
  for (const mode of MODES) {
    for (const [launcher, run] of await measure(mode)) {
      stages.push(
        `\n${mode} starts, launcher ${launcher}, stages:\n${stageTable(
          run.timelines,
          mode,
        )}`,
      );
      const fb50 = percentile(run.firstByte, 0.5);
      console.log(
        `| ${mode} | ${launcher} | ${percentile(run.ready, 0.5).toFixed(
          0,
        )} / ${percentile(run.ready, 0.95).toFixed(0)} | ${fb50.toFixed(
          0,
        )} / ${percentile(run.firstByte, 0.95).toFixed(0)} | ≤ ${
          GOALS[mode]
        } ms ${fb50 <= GOALS[mode] ? 'met' : 'MISSED'} | ${
          run.warmHits
        }/${N} | ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} |`,
      );
    }
  }
  console.log(stages.join('\n'));
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

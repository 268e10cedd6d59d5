/*
 * Live re-scoring on an emulated cluster of 10,000 workloads: the time from a client-node change
 * of a Deployment to its entity's new score, read through the query service behind
 * `GET /entities/...` (p50/p95 over `changes` changes, one at a time), what a live update costs,
 * the watch cache's memory per object, and evaluate + scoring against merely JSON.parse-ing the
 * same list responses. Prints figures; passes or fails nothing. SQLite in memory, or Postgres when
 * HATCHWAY_TEST_POSTGRES_URL is set.
 *
 *   . scripts/bootstrap.sh   (from the repository root)
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/readiness/liveRescore.ts [workloads] [pods] [changes]
 *
 * The cluster is bench/readiness/syntheticCluster.ts (Deployments with ReplicaSets, StatefulSets,
 * DaemonSets, CronJobs with Jobs, bare pods, Services, Ingresses, PDBs, NetworkPolicies, RBAC)
 * without its custom resources and ServiceAccounts (the scanner reads neither here), applied
 * with kubectl's last-applied annotation on workloads, as `kubectl apply` leaves it. The emulator
 * runs in a child process, so the backend's heap is its own.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DefaultClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import knexFactory from 'knex';
import { fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clustersConfig } from '../../plugins/readiness-backend/src/__testUtils__/backend';
import { readReadinessConfig } from '../../plugins/readiness-backend/src/config/readReadinessConfig';
import { DatabaseReadinessStore } from '../../plugins/readiness-backend/src/database/DatabaseReadinessStore';
import {
  connect,
  KubernetesClusterObjectReader,
  listKind,
  servedKinds,
} from '../../plugins/readiness-backend/src/kubernetes/KubernetesClusterObjectReader';
import { LiveUpdate } from '../../plugins/readiness-backend/src/live/LiveRescorer';
import { LiveRescoringService } from '../../plugins/readiness-backend/src/live/LiveRescoringService';
import {
  entitySelector,
  EntitySelector,
} from '../../plugins/readiness-backend/src/mapping/entitySelectors';
import { CheckCatalog } from '../../plugins/readiness-backend/src/service/CheckCatalog';
import { DefaultScanService } from '../../plugins/readiness-backend/src/service/DefaultScanService';
import { measureChanges } from './live/changes';
import { FigureTable, mib } from './live/figures';
import { measureParseRatio } from './live/parseRatio';
import { ID_LABEL, serve } from './live/seed';

const args = process.argv.slice(2).filter(a => a !== '--serve');
const WORKLOADS = Number(args[0] ?? 10_000);
const PODS = Number(args[1] ?? 10_000);
const CHANGES = Number(args[2] ?? 20);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const logger: LoggerService = {
  error: (m, e) => console.error(m, e ?? ''),
  warn: (m, e) => console.error(m, e ?? ''),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
}

async function main() {
  const gc = gcFunction();
  const child = fork(process.argv[1], ['--serve', ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, '--max-old-space-size=4096'],
  });
  console.error('seeding the emulator …');
  const emulator = await new Promise<{
    url: string;
    objects: number;
    seedMs: number;
  }>((ok, fail) => {
    // The TypeScript loader sends messages of its own.
    child.on('message', (m: any) => m?.url && ok(m));
    child.once('exit', code => fail(new Error(`emulator exited ${code}`)));
  });
  const table = new FigureTable();
  const row = table.row.bind(table);
  row(
    'seed the emulator',
    `${(emulator.seedMs / 1000).toFixed(1)} s`,
    `${emulator.objects} objects`,
  );

  const postgres = process.env.HATCHWAY_TEST_POSTGRES_URL;
  const knex = knexFactory(
    postgres
      ? { client: 'pg', connection: postgres }
      : {
          client: 'better-sqlite3',
          connection: ':memory:',
          useNullAsDefault: true,
        },
  );
  if (postgres) {
    for (const table of [
      'readiness_live_status',
      'readiness_findings',
      'readiness_resource_entities',
      'readiness_snapshots',
      'readiness_scans',
    ]) {
      if (await knex.schema.hasTable(table)) await knex(table).delete();
    }
  }
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
  });
  const config = new ConfigReader({
    ...clustersConfig([{ name: 'bench', url: emulator.url }]),
  });
  const access = DefaultClusterAccessService.fromConfig(config);
  const options = readReadinessConfig(config);
  const kubeConfig = access.getKubeConfig('bench');

  const client = connect(kubeConfig);
  await measureParseRatio(client, table);

  const reader = new KubernetesClusterObjectReader(access);

  // The catalog: one entity per Deployment, by kubernetes-id.
  const deploymentKind = (await servedKinds(client)).find(
    s => s.spec.kind === 'Deployment',
  )!;
  const deployments = (await listKind(client, deploymentKind)).items;
  const entities = deployments.map(d => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: d.metadata!.labels![ID_LABEL],
      namespace: 'default',
      annotations: { [ID_LABEL]: d.metadata!.labels![ID_LABEL] },
    },
    spec: { owner: `group:default/${d.metadata!.namespace}` },
  }));
  const byRef = new Map(
    entities.map(e => [`component:default/${e.metadata.name}`, e]),
  );
  const selectors = entities
    .map(e => entitySelector(e))
    .filter((s): s is EntitySelector => !!s);
  const entitySource = {
    selectors: async () => selectors,
    getEntity: async (ref: string) => byRef.get(ref),
  };

  const scans = new DefaultScanService({
    clusterAccess: access,
    reader,
    entities: entitySource,
    store,
    options,
    logger,
    clock: () => new Date(),
  });
  let t = performance.now();
  const scan = await scans.scan('bench');
  row(
    'full scan (list, engine, store)',
    `${((performance.now() - t) / 1000).toFixed(2)} s`,
    `${scan.status}, ${scan.findingCount} findings, ${
      postgres ? 'Postgres' : 'SQLite'
    }`,
  );

  const updates: Array<LiveUpdate & { at: number }> = [];
  const live = new LiveRescoringService({
    clusterAccess: access,
    store,
    options,
    entities: entitySource,
    logger,
    clock: () => new Date(),
    onUpdate: (_cluster, update) =>
      updates.push({ ...update, at: performance.now() }),
  });
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const base = heap();
  t = performance.now();
  live.start();
  while ((await live.statuses()).get('bench')?.state !== 'active') {
    await sleep(50);
  }
  row(
    'watch start: every kind listed and watched',
    `${((performance.now() - t) / 1000).toFixed(2)} s`,
    `${updates.length} re-scorings at start (objects written since the scan)`,
  );
  const cacheBytes = heap() - base;
  row(
    'watch cache',
    `${mib(cacheBytes)} MiB`,
    `${(cacheBytes / emulator.objects / 1024).toFixed(
      2,
    )} KiB per object, informers included`,
  );

  await measureChanges({
    count: CHANGES,
    kubeConfig,
    store,
    queryService: {
      clusterAccess: access,
      entities: entitySource,
      store,
      catalog: CheckCatalog.fromOptions(options),
      options,
      clock: () => new Date(),
    },
    updates,
    debounceMs: options.live.debounceMs,
    table,
  });
  row(
    'backend RSS, peak',
    `${mib(process.resourceUsage().maxRSS * 1024)} MiB`,
    'the emulator runs in its own process',
  );

  await live.stop();
  await knex.destroy();
  child.kill();
  table.print();
}

if (process.argv.includes('--serve')) {
  serve(WORKLOADS, PODS).catch(error => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}

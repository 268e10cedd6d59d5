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
import { startApiServer } from '@hatchway/kube-emulator';
import { DefaultClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import { DEFAULT_LEVELS } from '@hatchway/plugin-readiness-common';
import {
  evaluate,
  KubernetesObject,
  scoreByNamespace,
  scoreByResource,
} from '@hatchway/plugin-readiness-node';
import { AppsV1Api } from '@kubernetes/client-node';
import knexFactory from 'knex';
import { fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clustersConfig } from '../../plugins/readiness-backend/src/__testUtils__/backend';
import { readReadinessConfig } from '../../plugins/readiness-backend/src/config/readReadinessConfig';
import { DatabaseReadinessStore } from '../../plugins/readiness-backend/src/database/DatabaseReadinessStore';
import {
  connect,
  listKind,
  servedKinds,
} from '../../plugins/readiness-backend/src/kubernetes/KubernetesClusterObjectReader';
import { PAGE_SIZE } from '../../plugins/readiness-backend/src/kubernetes/kinds';
import { LiveUpdate } from '../../plugins/readiness-backend/src/live/LiveRescorer';
import { LiveRescoringService } from '../../plugins/readiness-backend/src/live/LiveRescoringService';
import { trimObject } from '../../plugins/readiness-backend/src/live/trimObject';
import { KubernetesClusterObjectReader } from '../../plugins/readiness-backend/src/kubernetes/KubernetesClusterObjectReader';
import {
  entitySelector,
  EntitySelector,
} from '../../plugins/readiness-backend/src/mapping/entitySelectors';
import { CheckCatalog } from '../../plugins/readiness-backend/src/service/CheckCatalog';
import { DefaultReadinessQueryService } from '../../plugins/readiness-backend/src/service/DefaultReadinessQueryService';
import { DefaultScanService } from '../../plugins/readiness-backend/src/service/DefaultScanService';
import { syntheticCluster } from './syntheticCluster';

const TOKEN = 'test-token';
const ID_LABEL = 'backstage.io/kubernetes-id';
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const SKIPPED_KINDS = new Set([
  'ServiceAccount',
  'ExternalSecret',
  'Certificate',
  'PolicyReport',
]);

const args = process.argv.slice(2).filter(a => a !== '--serve');
const WORKLOADS = Number(args[0] ?? 10_000);
const PODS = Number(args[1] ?? 10_000);
const CHANGES = Number(args[2] ?? 20);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const mib = (bytes: number) => (bytes / 1048576).toFixed(0);

/** The objects to apply, owners' uids left to the API server, Deployments with an entity id. */
function manifests(): Array<Record<string, any>> {
  const objects = syntheticCluster(WORKLOADS, PODS).objects as Array<
    Record<string, any>
  >;
  return objects
    .filter(o => !SKIPPED_KINDS.has(o.kind))
    .map(o => {
      const { uid: _uid, ...metadata } = o.metadata;
      const object: Record<string, any> = { ...o, metadata };
      if (o.kind === 'Deployment') {
        const id = `${metadata.namespace}-${metadata.name}`;
        object.metadata = {
          ...metadata,
          labels: { ...metadata.labels, [ID_LABEL]: id },
        };
      }
      if (WORKLOAD_KINDS.has(o.kind)) {
        object.metadata.annotations = {
          ...object.metadata.annotations,
          'kubectl.kubernetes.io/last-applied-configuration':
            JSON.stringify(object),
        };
      }
      return object;
    });
}

/** Child: the emulator, seeded owners first so that its garbage collector keeps what they own. */
async function serve() {
  const server = await startApiServer({ tokens: { [TOKEN]: 'bench' } });
  const started = performance.now();
  let pending = manifests();
  const uids = new Map<string, string>();
  const key = (kind: string, ns: string | undefined, name: string) =>
    `${kind}/${ns ?? ''}/${name}`;
  let applied = 0;
  while (pending.length) {
    const ready = pending.filter(o =>
      (o.metadata.ownerReferences ?? []).every((r: any) =>
        uids.has(key(r.kind, o.metadata.namespace, r.name)),
      ),
    );
    if (!ready.length) throw new Error('owners missing');
    pending = pending.filter(o => !ready.includes(o));
    for (let i = 0; i < ready.length; i += 2000) {
      const docs = ready.slice(i, i + 2000).map(o => {
        const refs = o.metadata.ownerReferences?.map((r: any) => ({
          ...r,
          uid: uids.get(key(r.kind, o.metadata.namespace, r.name)),
        }));
        return JSON.stringify(
          refs
            ? { ...o, metadata: { ...o.metadata, ownerReferences: refs } }
            : o,
        );
      });
      for (const stored of await server.applyManifests(docs.join('\n---\n'))) {
        const m = stored.metadata!;
        uids.set(key(stored.kind!, m.namespace, m.name!), m.uid!);
        applied++;
      }
    }
  }
  process.send!({
    url: server.url,
    objects: applied,
    seedMs: performance.now() - started,
  });
}

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
  const rows: Array<[string, string, string]> = [];
  const row = (measure: string, result: string, notes = '') => {
    rows.push([measure, result, notes]);
    console.error(`${measure}: ${result} ${notes}`);
  };
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

  // evaluate + scoring against JSON.parse of the very list responses a scan reads.
  const client = connect(kubeConfig);
  const texts: string[] = [];
  for (const served of await servedKinds(client)) {
    let token: string | undefined;
    do {
      await client.objects.list(
        served.apiVersion,
        served.spec.kind,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        PAGE_SIZE,
        token,
      );
      const text = client.capture.takeText();
      texts.push(text);
      token = JSON.parse(text).metadata?.continue || undefined;
    } while (token);
  }
  // Memory: the JSON each object is as listed and as the watch cache keeps it; the cache's
  // heap is measured once it is filled (below).
  const jsonBytes = (list: KubernetesObject[]) =>
    list.reduce((n, o) => n + JSON.stringify(o).length, 0) / list.length;
  const sample = texts.flatMap(
    text => JSON.parse(text).items as KubernetesObject[],
  );
  const rawJson = jsonBytes(sample);
  const trimmedJson = jsonBytes(sample.map(trimObject));
  row(
    'object JSON as listed / as cached',
    `${(rawJson / 1024).toFixed(2)} / ${(trimmedJson / 1024).toFixed(2)} KiB`,
    'mean per object',
  );
  const parseMs: number[] = [];
  let objects: KubernetesObject[] = [];
  for (let run = 0; run < 5; run++) {
    objects = [];
    const t = performance.now();
    const pages = texts.map(text => JSON.parse(text));
    parseMs.push(performance.now() - t);
    // Items of a list carry neither apiVersion nor kind (not timed: the scanner adds them).
    objects = pages.flatMap(p =>
      p.items.map((item: KubernetesObject) => ({
        ...item,
        apiVersion: p.apiVersion,
        kind: String(p.kind).replace(/List$/, ''),
      })),
    );
  }
  const engineMs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    const result = evaluate(objects, {
      cluster: 'bench',
      levels: DEFAULT_LEVELS,
    });
    scoreByNamespace(result.findings, DEFAULT_LEVELS);
    scoreByResource(result.findings, DEFAULT_LEVELS);
    engineMs.push(performance.now() - t);
  }
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const pages = texts.length;
  texts.length = 0;
  row(
    'JSON.parse of the list responses',
    `${median(parseMs).toFixed(0)} ms`,
    `median of 5 (${parseMs
      .map(ms => ms.toFixed(0))
      .join(', ')}); ${pages} pages, ${mib(bytes)} MiB, ${
      objects.length
    } objects`,
  );
  row(
    'evaluate + scoring, same objects',
    `${median(engineMs).toFixed(0)} ms`,
    `median of 5 (${engineMs.map(ms => ms.toFixed(0)).join(', ')}); ×${(
      median(engineMs) / median(parseMs)
    ).toFixed(2)} of JSON.parse (goal ≤ ×2)`,
  );

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

  // Changes: harden one unhardened Deployment at a time, in different namespaces.
  const queries = new DefaultReadinessQueryService({
    clusterAccess: access,
    entities: entitySource,
    store,
    catalog: CheckCatalog.fromOptions(options),
    options,
    clock: () => new Date(),
  });
  const { items: failing } = await store.findings.list(
    { checkId: 'run-as-non-root', status: 'failed' },
    new Date(),
  );
  const targets: Array<{ namespace: string; name: string }> = [];
  for (const f of failing) {
    const { kind, namespace, name } = f.resource;
    if (kind !== 'Deployment' || targets.some(x => x.namespace === namespace))
      continue;
    targets.push({ namespace: namespace!, name });
    if (targets.length === CHANGES) break;
  }
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const latencies: number[] = [];
  const written: number[] = [];
  const reads: number[] = [];
  updates.length = 0;
  for (const { namespace, name } of targets) {
    const entity = {
      kind: 'component',
      namespace: 'default',
      name: `${namespace}-${name}`,
      days: 30,
    };
    const passes = async () => {
      const t0 = performance.now();
      const response = await queries.entity(entity);
      reads.push(performance.now() - t0);
      return response.findings.some(
        f =>
          f.resource.name === name &&
          f.checkId === 'run-as-non-root' &&
          f.status === 'passed',
      );
    };
    const deployment = await apps.readNamespacedDeployment({ name, namespace });
    for (const c of deployment.spec!.template.spec!.containers) {
      c.securityContext = { ...c.securityContext, runAsNonRoot: true };
      c.resources = {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      };
    }
    const updatesBefore = updates.length;
    const started = performance.now();
    await apps.replaceNamespacedDeployment({
      name,
      namespace,
      body: deployment,
    });
    while (!(await passes())) {
      if (performance.now() - started > 30_000) throw new Error('no update');
      await sleep(20);
    }
    latencies.push(performance.now() - started);
    const update = updates[updatesBefore];
    if (update) written.push(update.at - started);
    await sleep(1000);
  }
  row(
    `change → new score in the API (${latencies.length} changes)`,
    `p50 ${median(latencies).toFixed(0)} ms, p95 ${percentile(
      latencies,
      95,
    ).toFixed(0)} ms`,
    `min ${Math.min(...latencies).toFixed(0)}, max ${Math.max(
      ...latencies,
    ).toFixed(0)}; debounce ${options.live.debounceMs} ms; goal p50 ≤ 2000 ms`,
  );
  row(
    'change → live update written',
    `p50 ${median(written).toFixed(0)} ms, p95 ${percentile(
      written,
      95,
    ).toFixed(0)} ms`,
    'watch event, debounce, evaluate, write',
  );
  row(
    'GET /entities/… read (query service)',
    `p50 ${median(reads).toFixed(0)} ms, p95 ${percentile(reads, 95).toFixed(
      0,
    )} ms`,
    `${reads.length} reads while polling`,
  );
  const namespaced = updates.filter(u => u.partitions !== 'all');
  row(
    'one live update (a namespace)',
    `evaluate ${median(namespaced.map(u => u.evaluateMs))} ms, write ${median(
      namespaced.map(u => u.writeMs),
    )} ms`,
    `median of ${namespaced.length}; ${median(
      namespaced.map(u => u.inserted + u.deleted),
    )} rows changed`,
  );
  row(
    'backend RSS, peak',
    `${mib(process.resourceUsage().maxRSS * 1024)} MiB`,
    'the emulator runs in its own process',
  );

  await live.stop();
  await knex.destroy();
  child.kill();
  console.log('| measure | result | notes |');
  console.log('| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

if (process.argv.includes('--serve')) {
  serve().catch(error => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}

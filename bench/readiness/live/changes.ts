/*
 * The changes the live re-scoring benchmark times: one unhardened Deployment at a time, in
 * different namespaces, hardened by a client-node replace; its entity is polled through the
 * query service behind `GET /entities/…` until its run-as-non-root finding passes.
 */
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { DatabaseReadinessStore } from '../../../plugins/readiness-backend/src/database/DatabaseReadinessStore';
import { LiveUpdate } from '../../../plugins/readiness-backend/src/live/LiveRescorer';
import { DefaultReadinessQueryService } from '../../../plugins/readiness-backend/src/service/DefaultReadinessQueryService';
import { FigureTable, median, percentile } from './figures';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export async function measureChanges(options: {
  count: number;
  kubeConfig: KubeConfig;
  store: DatabaseReadinessStore;
  queryService: ConstructorParameters<typeof DefaultReadinessQueryService>[0];
  /** Live updates as the service reports them, with when. */
  updates: Array<LiveUpdate & { at: number }>;
  debounceMs: number;
  table: FigureTable;
}) {
  const { store, updates, kubeConfig } = options;
  const CHANGES = options.count;
  const row = options.table.row.bind(options.table);
  const queries = new DefaultReadinessQueryService(options.queryService);
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
    ).toFixed(0)}; debounce ${options.debounceMs} ms; goal p50 ≤ 2000 ms`,
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
}

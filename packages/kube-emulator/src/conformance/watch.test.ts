import {
  KubeConfig,
  Watch,
  makeInformer,
  CoreV1Api,
  V1ConfigMap,
} from '@kubernetes/client-node';
import { eventually, useTestServer } from './harness';

interface Recorded {
  events: Array<{ type: string; object: any }>;
  done: Promise<unknown>;
  abort: () => void;
}

/** Opens a watch through client-node's Watch and records what it delivers. */
type Params = Record<string, string | number | boolean | undefined>;

async function record(
  kc: KubeConfig,
  path: string,
  params: Params,
): Promise<Recorded> {
  const events: Recorded['events'] = [];
  let finish: (e: unknown) => void = () => undefined;
  const done = new Promise(r => (finish = r));
  const controller = await new Watch(kc).watch(
    path,
    params,
    (type, object) => events.push({ type, object }),
    err => finish(err),
  );
  return { events, done, abort: () => controller.abort() };
}

const names = (r: Recorded) =>
  r.events.map(e => `${e.type} ${e.object?.metadata?.name ?? ''}`.trim());

describe('watch', () => {
  const c = useTestServer({
    watchCacheSize: 20,
    bookmarkIntervalMs: 150,
  });
  const open: Recorded[] = [];
  const watch = async (path: string, params: Params = {}) => {
    const r = await record(c.kc, path, params);
    open.push(r);
    return r;
  };
  beforeAll(async () => {
    for (const ns of ['w1', 'w2', 'w3', 'w4'])
      await c.core.createNamespace({ body: { metadata: { name: ns } } });
  });
  afterEach(() => open.splice(0).forEach(r => r.abort()));

  it('streams ADDED, MODIFIED and DELETED after a list resourceVersion', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'w1',
      body: { metadata: { name: 'before' } },
    });
    const list = await c.core.listNamespacedConfigMap({ namespace: 'w1' });
    const w = await watch('/api/v1/namespaces/w1/configmaps', {
      resourceVersion: list.metadata?.resourceVersion,
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w1',
      body: { metadata: { name: 'a' }, data: { v: '1' } },
    });
    await c.core.patchNamespacedConfigMap({
      namespace: 'w1',
      name: 'a',
      body: [{ op: 'add', path: '/data/v', value: '2' }],
    });
    await c.core.deleteNamespacedConfigMap({ namespace: 'w1', name: 'a' });
    await eventually(() => w.events.length >= 3);
    expect(names(w)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    expect(w.events[1].object.data).toEqual({ v: '2' });
    const rvs = w.events.map(e => Number(e.object.metadata.resourceVersion));
    expect(rvs[1]).toBeGreaterThan(rvs[0]);
    expect(rvs[2]).toBeGreaterThan(rvs[1]);
    expect(w.events[0].object.kind).toBe('ConfigMap');
  });

  it('starts with synthetic ADDED events for existing objects without a resourceVersion', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'w2',
      body: { metadata: { name: 'x1' } },
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w2',
      body: { metadata: { name: 'x2' } },
    });
    const w = await watch('/api/v1/namespaces/w2/configmaps');
    await eventually(() => w.events.length >= 2);
    expect(names(w)).toEqual(['ADDED x1', 'ADDED x2']);
  });

  it('resumes from a resourceVersion, replaying what happened since', async () => {
    const first = await c.core.createNamespacedConfigMap({
      namespace: 'w3',
      body: { metadata: { name: 'r1' } },
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w3',
      body: { metadata: { name: 'r2' } },
    });
    await c.core.deleteNamespacedConfigMap({ namespace: 'w3', name: 'r1' });
    const w = await watch('/api/v1/namespaces/w3/configmaps', {
      resourceVersion: first.metadata?.resourceVersion,
    });
    await eventually(() => w.events.length >= 2);
    expect(names(w)).toEqual(['ADDED r2', 'DELETED r1']);
  });

  it('resumes from a resourceVersion taken before the first object of a kind existed', async () => {
    const empty = await c.core.listNamespacedLimitRange({ namespace: 'w1' });
    await c.core.createNamespacedConfigMap({
      namespace: 'w1',
      body: { metadata: { name: 'unrelated' } },
    });
    await c.core.createNamespacedLimitRange({
      namespace: 'w1',
      body: { metadata: { name: 'first' } },
    });
    const w = await watch('/api/v1/namespaces/w1/limitranges', {
      resourceVersion: empty.metadata?.resourceVersion,
    });
    await eventually(() => w.events.length >= 1);
    expect(names(w)).toEqual(['ADDED first']);
  });

  it('delivers 410 Gone as an ERROR event when the resourceVersion is too old', async () => {
    const old = await c.core.createNamespacedSecret({
      namespace: 'w3',
      body: { metadata: { name: 's0' } },
    });
    for (let i = 1; i <= 25; i++)
      await c.core.createNamespacedSecret({
        namespace: 'w3',
        body: { metadata: { name: `s${i}` } },
      });
    const w = await watch('/api/v1/namespaces/w3/secrets', {
      resourceVersion: old.metadata?.resourceVersion,
    });
    await w.done;
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    const status = w.events[0].object;
    expect(status).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect(status.message).toMatch(
      new RegExp(
        `^too old resource version: ${old.metadata?.resourceVersion} \\(\\d+\\)$`,
      ),
    );
  });

  it('reports objects entering and leaving a label selection as ADDED and DELETED', async () => {
    const w = await watch('/api/v1/namespaces/w4/configmaps', {
      labelSelector: 'tier=web',
      resourceVersion: '0',
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w4',
      body: { metadata: { name: 'sel', labels: { tier: 'db' } } },
    });
    await c.core.patchNamespacedConfigMap({
      namespace: 'w4',
      name: 'sel',
      body: [{ op: 'replace', path: '/metadata/labels/tier', value: 'web' }],
    });
    await c.core.patchNamespacedConfigMap({
      namespace: 'w4',
      name: 'sel',
      body: [{ op: 'add', path: '/data', value: { a: '1' } }],
    });
    await c.core.patchNamespacedConfigMap({
      namespace: 'w4',
      name: 'sel',
      body: [{ op: 'replace', path: '/metadata/labels/tier', value: 'db' }],
    });
    await eventually(() => w.events.length >= 3);
    expect(names(w)).toEqual(['ADDED sel', 'MODIFIED sel', 'DELETED sel']);
  });

  it('watches one object by name and all namespaces at once', async () => {
    const byName = await watch('/api/v1/namespaces/w4/configmaps', {
      fieldSelector: 'metadata.name=only',
      resourceVersion: '0',
    });
    const everywhere = await watch('/api/v1/configmaps', {
      resourceVersion: String(
        (
          await c.core.listConfigMapForAllNamespaces()
        ).metadata?.resourceVersion,
      ),
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w4',
      body: { metadata: { name: 'other' } },
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w4',
      body: { metadata: { name: 'only' } },
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'w1',
      body: { metadata: { name: 'elsewhere' } },
    });
    await eventually(
      () => everywhere.events.length >= 3 && byName.events.length >= 1,
    );
    expect(names(byName)).toEqual(['ADDED only']);
    expect(
      everywhere.events.map(
        e => `${e.object.metadata.namespace}/${e.object.metadata.name}`,
      ),
    ).toEqual(['w4/other', 'w4/only', 'w1/elsewhere']);
  });

  it('ends after timeoutSeconds, with a final BOOKMARK when bookmarks are allowed', async () => {
    const started = Date.now();
    const w = await watch('/api/v1/namespaces/w1/configmaps', {
      timeoutSeconds: 1,
      allowWatchBookmarks: true,
      resourceVersion: '0',
    });
    await w.done;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const bookmarks = w.events.filter(e => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(bookmarks[0].object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
  });

  it('sends periodic bookmarks and marks the end of initial events', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'w2',
      body: { metadata: { name: 'x3' } },
    });
    const w = await watch('/api/v1/namespaces/w2/configmaps', {
      allowWatchBookmarks: true,
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan',
      resourceVersion: '',
    });
    await eventually(
      () => w.events.filter(e => e.type === 'BOOKMARK').length >= 2,
      3000,
    );
    expect(names(w).slice(0, 3)).toEqual(['ADDED x1', 'ADDED x2', 'ADDED x3']);
    expect(w.events[3]).toMatchObject({
      type: 'BOOKMARK',
      object: {
        metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
      },
    });
    expect(w.events[4].type).toBe('BOOKMARK');
  });

  it('feeds a client-node informer (list + watch) like a controller uses it', async () => {
    const core = c.kc.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1ConfigMap>(
      c.kc,
      '/api/v1/namespaces/w1/configmaps',
      () => core.listNamespacedConfigMap({ namespace: 'w1' }),
    );
    const seen: string[] = [];
    informer.on('add', o => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', o => seen.push(`update ${o.metadata?.name}`));
    informer.on('delete', o => seen.push(`delete ${o.metadata?.name}`));
    await informer.start();
    try {
      await c.core.createNamespacedConfigMap({
        namespace: 'w1',
        body: { metadata: { name: 'inf' } },
      });
      await c.core.patchNamespacedConfigMap({
        namespace: 'w1',
        name: 'inf',
        body: [{ op: 'add', path: '/data', value: { a: 'b' } }],
      });
      await c.core.deleteNamespacedConfigMap({ namespace: 'w1', name: 'inf' });
      await eventually(() => seen.includes('delete inf'));
      expect(seen.filter(s => s.endsWith(' inf'))).toEqual([
        'add inf',
        'update inf',
        'delete inf',
      ]);
      expect(informer.list().map(o => o.metadata?.name)).toEqual(
        expect.arrayContaining(['before', 'elsewhere']),
      );
    } finally {
      await informer.stop();
    }
  });
});

import { Watch } from '@kubernetes/client-node';
import {
  clientsFor,
  eventually,
  expectStatus,
  raw,
  useTestServer,
} from './harness';

describe('fault injection', () => {
  const c = useTestServer({
    tokens: { 'user-token': 'user' },
  });
  beforeAll(async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'f' } } });
  });
  afterEach(() => c.server.faults.clear());

  it('fails the next N matching calls with 503 and Retry-After', async () => {
    c.server.faults.add({
      verb: 'list',
      resource: 'pods',
      namespace: 'f',
      status: 503,
      retryAfterSeconds: 2,
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const res = await raw(c.server, '/api/v1/namespaces/f/pods');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.json).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'ServiceUnavailable',
        code: 503,
        details: { retryAfterSeconds: 2 },
      });
    }
    expect((await c.core.listNamespacedPod({ namespace: 'f' })).items).toEqual(
      [],
    );
    expect(c.server.faults.list()).toEqual([]);
  });

  it('returns 500 and 429 Statuses and matches only the selected resource', async () => {
    c.server.faults.add({
      verb: 'create',
      resource: 'configmaps',
      status: 500,
      message: 'etcd is on fire',
    });
    const internal = await expectStatus(
      c.core.createNamespacedConfigMap({
        namespace: 'f',
        body: { metadata: { name: 'x' } },
      }),
      500,
    );
    expect(internal).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: etcd is on fire',
      reason: 'InternalError',
      details: { causes: [{ message: 'etcd is on fire' }] },
      code: 500,
    });
    await c.core.createNamespacedSecret({
      namespace: 'f',
      body: { metadata: { name: 'unaffected' } },
    });
    c.server.faults.clear();
    c.server.faults.add({
      resource: 'deployments.apps',
      status: 429,
      retryAfterSeconds: 1,
    });
    const throttled = await expectStatus(
      c.apps.listNamespacedDeployment({ namespace: 'f' }),
      429,
    );
    expect(throttled).toMatchObject({
      reason: 'TooManyRequests',
      message: 'Too many requests, please try again later.',
      details: { retryAfterSeconds: 1 },
    });
  });

  it('adds latency', async () => {
    c.server.faults.add({
      verb: 'get',
      resource: 'namespaces',
      name: 'f',
      latencyMs: 250,
    });
    const started = Date.now();
    await c.core.readNamespace({ name: 'f' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('cuts watch streams after N events', async () => {
    c.server.faults.add({
      verb: 'watch',
      resource: 'configmaps',
      cutWatchAfterEvents: 2,
    });
    const events: string[] = [];
    let closed = false;
    await new Watch(c.kc).watch(
      '/api/v1/namespaces/f/configmaps',
      { resourceVersion: '0' },
      type => events.push(type),
      () => (closed = true),
    );
    for (const n of ['w1', 'w2', 'w3'])
      await c.core.createNamespacedConfigMap({
        namespace: 'f',
        body: { metadata: { name: n } },
      });
    await eventually(() => closed);
    expect(events).toHaveLength(2);
  });

  it('is controlled over HTTP with the admin token only', async () => {
    const denied = await raw(c.server, '/_emulator/faults', {
      method: 'POST',
      token: 'user-token',
      body: '{}',
    });
    expect(denied.status).toBe(401);
    const added = await raw(c.server, '/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verb: 'get', resource: 'secrets', status: 500 }),
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      id: expect.any(String),
      verb: 'get',
      resource: 'secrets',
      status: 500,
      hits: 0,
    });
    const user = clientsFor(c.server, 'user');
    await expectStatus(
      user.core.readNamespacedSecret({ namespace: 'f', name: 'unaffected' }),
      500,
    );
    const listed = await raw(c.server, '/_emulator/faults');
    expect(listed.json.items).toEqual([
      expect.objectContaining({ id: added.json.id, hits: 1 }),
    ]);
    const cleared = await raw(c.server, '/_emulator/faults', {
      method: 'DELETE',
    });
    expect(cleared.status).toBe(200);
    expect(
      (
        await user.core.readNamespacedSecret({
          namespace: 'f',
          name: 'unaffected',
        })
      ).metadata?.name,
    ).toBe('unaffected');
  });
});

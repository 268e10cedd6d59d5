import { expectStatus, useTestServer } from './harness';

describe('limit and continue', () => {
  const c = useTestServer({ continueTokenTtlMs: 200 });
  beforeAll(async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'pg' } } });
    for (const n of ['e', 'a', 'd', 'b', 'c']) {
      await c.core.createNamespacedConfigMap({
        namespace: 'pg',
        body: {
          metadata: { name: n, labels: { odd: String('ace'.includes(n)) } },
        },
      });
    }
  });

  it('pages in key order over a consistent snapshot', async () => {
    const p1 = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      limit: 2,
    });
    expect(p1.items.map(i => i.metadata?.name)).toEqual(['a', 'b']);
    expect(p1.metadata?.remainingItemCount).toBe(3);
    expect(p1.metadata?._continue).toBeTruthy();
    // Changes after the first page do not show up in later pages.
    await c.core.createNamespacedConfigMap({
      namespace: 'pg',
      body: { metadata: { name: 'bb' } },
    });
    await c.core.deleteNamespacedConfigMap({ namespace: 'pg', name: 'd' });
    const p2 = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      limit: 2,
      _continue: p1.metadata?._continue,
    });
    expect(p2.items.map(i => i.metadata?.name)).toEqual(['c', 'd']);
    expect(p2.metadata?.resourceVersion).toBe(p1.metadata?.resourceVersion);
    expect(p2.metadata?.remainingItemCount).toBe(1);
    const p3 = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      limit: 2,
      _continue: p2.metadata?._continue,
    });
    expect(p3.items.map(i => i.metadata?.name)).toEqual(['e']);
    expect(p3.metadata?._continue).toBeUndefined();
    expect(p3.metadata?.remainingItemCount).toBeUndefined();
    const now = await c.core.listNamespacedConfigMap({ namespace: 'pg' });
    expect(now.items.map(i => i.metadata?.name)).toEqual([
      'a',
      'b',
      'bb',
      'c',
      'e',
    ]);
  });

  it('pages with a selector without remainingItemCount', async () => {
    const p1 = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      limit: 1,
      labelSelector: 'odd=true',
    });
    expect(p1.items.map(i => i.metadata?.name)).toEqual(['a']);
    expect(p1.metadata?.remainingItemCount).toBeUndefined();
    const p2 = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      limit: 5,
      labelSelector: 'odd=true',
      _continue: p1.metadata?._continue,
    });
    expect(p2.items.map(i => i.metadata?.name)).toEqual(['c', 'e']);
  });

  it('answers 410 Expired for a continue token that outlived its snapshot, with an inconsistent continuation', async () => {
    const p1 = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      limit: 2,
    });
    await new Promise(r => setTimeout(r, 300));
    await c.core.createNamespacedConfigMap({
      namespace: 'pg',
      body: { metadata: { name: 'zz' } },
    });
    const status = await expectStatus(
      c.core.listNamespacedConfigMap({
        namespace: 'pg',
        limit: 2,
        _continue: p1.metadata?._continue,
      }),
      410,
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: { continue: expect.any(String) },
      status: 'Failure',
      message:
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      reason: 'Expired',
      code: 410,
    });
    const rest = await c.core.listNamespacedConfigMap({
      namespace: 'pg',
      _continue: status.metadata.continue,
    });
    expect(rest.items.map(i => i.metadata?.name)).toEqual([
      'bb',
      'c',
      'e',
      'zz',
    ]);
  });

  it('rejects a malformed continue token with 400', async () => {
    const status = await expectStatus(
      c.core.listNamespacedConfigMap({
        namespace: 'pg',
        limit: 1,
        _continue: '%%%not-a-token',
      }),
      400,
    );
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toMatch(
      /^invalid continue token: continue key is not valid/,
    );
  });

  it('pages across namespaces in etcd key order', async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'pg-a' } } });
    await c.core.createNamespacedConfigMap({
      namespace: 'pg-a',
      body: { metadata: { name: 'z' } },
    });
    const all: string[] = [];
    let token: string | undefined;
    do {
      const page = await c.core.listConfigMapForAllNamespaces({
        limit: 3,
        _continue: token,
      });
      all.push(
        ...page.items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`),
      );
      token = page.metadata?._continue;
    } while (token);
    const pg = all.filter(k => k.startsWith('pg'));
    // "pg-a/z" sorts before "pg/a" in the storage key space ('-' < '/').
    expect(pg).toEqual([
      'pg-a/z',
      'pg/a',
      'pg/b',
      'pg/bb',
      'pg/c',
      'pg/e',
      'pg/zz',
    ]);
  });
});

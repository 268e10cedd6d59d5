import { expectStatus, pod, useTestServer } from './harness';

describe('label and field selectors', () => {
  const c = useTestServer();
  const select = async (labelSelector: string) =>
    (
      await c.core.listNamespacedConfigMap({ namespace: 'sel', labelSelector })
    ).items.map(i => i.metadata?.name);
  beforeAll(async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'sel' } } });
    const objects: Array<[string, Record<string, string>]> = [
      ['web-prod', { app: 'web', env: 'prod' }],
      ['web-dev', { app: 'web', env: 'dev' }],
      ['db-prod', { app: 'db', env: 'prod', critical: 'yes' }],
      ['bare', {}],
    ];
    for (const [name, labels] of objects)
      await c.core.createNamespacedConfigMap({
        namespace: 'sel',
        body: { metadata: { name, labels } },
      });
  });

  it('supports =, ==, !=, in, notin, exists and !', async () => {
    expect(await select('app=web')).toEqual(['web-dev', 'web-prod']);
    expect(await select('app==db')).toEqual(['db-prod']);
    expect(await select('env!=prod')).toEqual(['bare', 'web-dev']);
    expect(await select('env in (dev, prod),app notin (db)')).toEqual([
      'web-dev',
      'web-prod',
    ]);
    expect(await select('env notin (prod)')).toEqual(['bare', 'web-dev']);
    expect(await select('critical')).toEqual(['db-prod']);
    expect(await select('!critical,app')).toEqual(['web-dev', 'web-prod']);
    expect(await select('app=web,env=prod')).toEqual(['web-prod']);
  });

  it('rejects malformed label selectors with 400', async () => {
    const status = await expectStatus(
      c.core.listNamespacedConfigMap({
        namespace: 'sel',
        labelSelector: 'app in web',
      }),
      400,
    );
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toMatch(/^unable to parse requirement: /);
    await expectStatus(
      c.core.listNamespacedConfigMap({
        namespace: 'sel',
        labelSelector: 'a==b==c',
      }),
      400,
    );
  });

  it('selects by metadata.name, metadata.namespace, status.phase and spec.nodeName', async () => {
    expect(
      (
        await c.core.listNamespacedConfigMap({
          namespace: 'sel',
          fieldSelector: 'metadata.name=bare',
        })
      ).items.map(i => i.metadata?.name),
    ).toEqual(['bare']);
    expect(
      (
        await c.core.listNamespacedConfigMap({
          namespace: 'sel',
          fieldSelector: 'metadata.name!=bare',
        })
      ).items,
    ).toHaveLength(3);
    const cms = await c.core.listConfigMapForAllNamespaces({
      fieldSelector: 'metadata.namespace=sel',
    });
    expect(cms.items.every(i => i.metadata?.namespace === 'sel')).toBe(true);
    expect(cms.items).toHaveLength(4);

    await c.core.createNamespacedPod({
      namespace: 'sel',
      body: pod('on-node', { spec: { nodeName: 'n1' } }),
    });
    await c.core.createNamespacedPod({
      namespace: 'sel',
      body: pod('unscheduled'),
    });
    const running = await c.core.readNamespacedPod({
      namespace: 'sel',
      name: 'on-node',
    });
    await c.core.replaceNamespacedPodStatus({
      namespace: 'sel',
      name: 'on-node',
      body: { ...running, status: { phase: 'Running' } },
    });
    const byNode = await c.core.listPodForAllNamespaces({
      fieldSelector: 'spec.nodeName=n1',
    });
    expect(byNode.items.map(p => p.metadata?.name)).toEqual(['on-node']);
    const unscheduled = await c.core.listNamespacedPod({
      namespace: 'sel',
      fieldSelector: 'spec.nodeName=',
    });
    expect(unscheduled.items.map(p => p.metadata?.name)).toEqual([
      'unscheduled',
    ]);
    const pending = await c.core.listNamespacedPod({
      namespace: 'sel',
      fieldSelector: 'status.phase=Pending',
    });
    expect(pending.items.map(p => p.metadata?.name)).toEqual(['unscheduled']);
    const both = await c.core.listNamespacedPod({
      namespace: 'sel',
      fieldSelector: 'status.phase=Running,spec.nodeName=n1',
      labelSelector: '!nothing',
    });
    expect(both.items.map(p => p.metadata?.name)).toEqual(['on-node']);
  });

  it('answers 400 for field labels a resource does not support', async () => {
    const status = await expectStatus(
      c.core.listNamespacedConfigMap({
        namespace: 'sel',
        fieldSelector: 'spec.nodeName=x',
      }),
      400,
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'field label not supported: spec.nodeName',
      reason: 'BadRequest',
      code: 400,
    });
  });
});

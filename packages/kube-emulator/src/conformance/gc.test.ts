import { V1ConfigMap } from '@kubernetes/client-node';
import { eventually, expectStatus, pod, useTestServer } from './harness';

describe('finalizers, garbage collection and namespace termination', () => {
  const c = useTestServer();
  const ns = 'gc';
  const owner = (name: string) =>
    c.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name } },
    });
  const dependent = (
    name: string,
    owners: V1ConfigMap[],
    extra: { block?: boolean; finalizers?: string[] } = {},
  ) =>
    c.core.createNamespacedConfigMap({
      namespace: ns,
      body: {
        metadata: {
          name,
          finalizers: extra.finalizers,
          ownerReferences: owners.map(o => ({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: o.metadata!.name!,
            uid: o.metadata!.uid!,
            blockOwnerDeletion: extra.block,
          })),
        },
      },
    });
  /** Waits until the ConfigMap reads as 404 and returns that Status. */
  const gone = (name: string) =>
    eventually(() =>
      expectStatus(
        c.core.readNamespacedConfigMap({ namespace: ns, name }),
        404,
      ),
    );
  beforeAll(async () => {
    await c.core.createNamespace({ body: { metadata: { name: ns } } });
  });

  it('deletes dependents after their owner (Background, the default)', async () => {
    const o = await owner('bg-owner');
    await dependent('bg-dep-1', [o]);
    await dependent('bg-dep-2', [o]);
    await c.core.deleteNamespacedConfigMap({ namespace: ns, name: 'bg-owner' });
    await expectStatus(
      c.core.readNamespacedConfigMap({ namespace: ns, name: 'bg-owner' }),
      404,
    );
    expect((await gone('bg-dep-1')).message).toBe(
      'configmaps "bg-dep-1" not found',
    );
    expect((await gone('bg-dep-2')).reason).toBe('NotFound');
  });

  it('keeps the owner until blocking dependents are gone (Foreground)', async () => {
    const o = await owner('fg-owner');
    await dependent('fg-dep', [o], {
      block: true,
      finalizers: ['example.com/hold'],
    });
    await c.core.deleteNamespacedConfigMap({
      namespace: ns,
      name: 'fg-owner',
      propagationPolicy: 'Foreground',
    });
    const waiting = await c.core.readNamespacedConfigMap({
      namespace: ns,
      name: 'fg-owner',
    });
    expect(waiting.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(waiting.metadata?.finalizers).toEqual(['foregroundDeletion']);
    const dep = await eventually(async () => {
      const d = await c.core.readNamespacedConfigMap({
        namespace: ns,
        name: 'fg-dep',
      });
      return d.metadata?.deletionTimestamp ? d : undefined;
    });
    await new Promise(r => setTimeout(r, 50));
    expect(
      (
        await c.core.readNamespacedConfigMap({
          namespace: ns,
          name: 'fg-owner',
        })
      ).metadata?.finalizers,
    ).toEqual(['foregroundDeletion']);
    await c.core.replaceNamespacedConfigMap({
      namespace: ns,
      name: 'fg-dep',
      body: { ...dep, metadata: { ...dep.metadata, finalizers: [] } },
    });
    await gone('fg-dep');
    await gone('fg-owner');
  });

  it('removes owner references instead of deleting dependents (Orphan)', async () => {
    const o = await owner('or-owner');
    await dependent('or-dep', [o]);
    await c.core.deleteNamespacedConfigMap({
      namespace: ns,
      name: 'or-owner',
      propagationPolicy: 'Orphan',
    });
    await gone('or-owner');
    const d = await eventually(async () => {
      const x = await c.core.readNamespacedConfigMap({
        namespace: ns,
        name: 'or-dep',
      });
      return x.metadata?.ownerReferences ? undefined : x;
    });
    expect(d.metadata?.name).toBe('or-dep');
  });

  it('keeps a dependent that still has another owner, dropping the dangling reference', async () => {
    const a = await owner('multi-a');
    const b = await owner('multi-b');
    await dependent('multi-dep', [a, b]);
    await c.core.deleteNamespacedConfigMap({ namespace: ns, name: 'multi-a' });
    const d = await eventually(async () => {
      const x = await c.core.readNamespacedConfigMap({
        namespace: ns,
        name: 'multi-dep',
      });
      return x.metadata?.ownerReferences?.length === 1 ? x : undefined;
    });
    expect(d.metadata?.ownerReferences?.[0].name).toBe('multi-b');
  });

  it('collects dependents across kinds (pods owned by a ReplicaSet)', async () => {
    const rs = await c.apps.createNamespacedReplicaSet({
      namespace: ns,
      body: {
        metadata: { name: 'rs' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: {
            metadata: { labels: { a: 'b' } },
            spec: { containers: [{ name: 'c', image: 'i' }] },
          },
        },
      },
    });
    const owned = pod('rs-pod');
    owned.metadata.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'rs',
        uid: rs.metadata!.uid,
        controller: true,
      },
    ];
    await c.core.createNamespacedPod({ namespace: ns, body: owned });
    await c.apps.deleteNamespacedReplicaSet({ namespace: ns, name: 'rs' });
    const status = await eventually(() =>
      expectStatus(
        c.core.readNamespacedPod({ namespace: ns, name: 'rs-pod' }),
        404,
      ),
    );
    expect(status.message).toBe('pods "rs-pod" not found');
  });

  it('deletes scheduled pods gracefully and unscheduled ones at once', async () => {
    await c.core.createNamespacedPod({
      namespace: ns,
      body: pod('graceful', { spec: { nodeName: 'node-1' } }),
    });
    const terminating = await c.core.deleteNamespacedPod({
      namespace: ns,
      name: 'graceful',
    });
    expect(terminating.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(terminating.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(
      (await c.core.readNamespacedPod({ namespace: ns, name: 'graceful' }))
        .metadata?.deletionTimestamp,
    ).toBeInstanceOf(Date);
    await c.core.deleteNamespacedPod({
      namespace: ns,
      name: 'graceful',
      gracePeriodSeconds: 0,
    });
    await expectStatus(
      c.core.readNamespacedPod({ namespace: ns, name: 'graceful' }),
      404,
    );

    await c.core.createNamespacedPod({ namespace: ns, body: pod('immediate') });
    const deleted = await c.core.deleteNamespacedPod({
      namespace: ns,
      name: 'immediate',
    });
    expect(deleted.metadata?.name).toBe('immediate');
    await expectStatus(
      c.core.readNamespacedPod({ namespace: ns, name: 'immediate' }),
      404,
    );
  });

  it('terminates a namespace: contents deleted, finalizers waited for, then the namespace is gone', async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'term' } } });
    await c.core.createNamespacedConfigMap({
      namespace: 'term',
      body: { metadata: { name: 'plain' } },
    });
    await c.core.createNamespacedConfigMap({
      namespace: 'term',
      body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } },
    });
    await c.core.createNamespacedSecret({
      namespace: 'term',
      body: { metadata: { name: 's' } },
    });
    const deleted = await c.core.deleteNamespace({ name: 'term' });
    // The namespace registry answers with the Namespace itself, now Terminating.
    expect((deleted as any).status?.phase).toBe('Terminating');
    await eventually(
      async () =>
        (
          await c.core.listNamespacedConfigMap({ namespace: 'term' })
        ).items.length === 1,
    );
    const held = await c.core.readNamespacedConfigMap({
      namespace: 'term',
      name: 'held',
    });
    expect(held.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(
      (await c.core.listNamespacedSecret({ namespace: 'term' })).items,
    ).toEqual([]);
    expect((await c.core.readNamespace({ name: 'term' })).status?.phase).toBe(
      'Terminating',
    );
    await c.core.replaceNamespacedConfigMap({
      namespace: 'term',
      name: 'held',
      body: { ...held, metadata: { ...held.metadata, finalizers: [] } },
    });
    await eventually(async () => {
      await expectStatus(c.core.readNamespace({ name: 'term' }), 404);
      return true;
    });
  });

  it('refuses to delete the system namespaces', async () => {
    const status = await expectStatus(
      c.core.deleteNamespace({ name: 'default' }),
      403,
    );
    expect(status.message).toBe(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it('creates the default ServiceAccount in new namespaces', async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'with-sa' } } });
    const sa = await eventually(() =>
      c.core.readNamespacedServiceAccount({
        namespace: 'with-sa',
        name: 'default',
      }),
    );
    expect(sa.metadata?.namespace).toBe('with-sa');
  });
});

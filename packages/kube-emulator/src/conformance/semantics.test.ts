import { expectStatus, pod, useTestServer } from './harness';

describe('registry semantics through client-node', () => {
  const c = useTestServer();
  beforeAll(async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'crud' } } });
    await c.core.createNamespacedPod({ namespace: 'crud', body: pod('p1') });
  });

  it('keeps status out of main-resource writes and spec out of status writes', async () => {
    const p = await c.core.createNamespacedPod({
      namespace: 'crud',
      body: pod('st', { spec: { nodeName: 'node-1' } }),
    });
    const withStatus = {
      ...p,
      status: { phase: 'Running', podIP: '127.1.0.5' },
    };
    const afterStatus = await c.core.replaceNamespacedPodStatus({
      namespace: 'crud',
      name: 'st',
      body: withStatus,
    });
    expect(afterStatus.status?.phase).toBe('Running');
    expect(afterStatus.status?.podIP).toBe('127.1.0.5');
    const sneaky = {
      ...afterStatus,
      metadata: { ...afterStatus.metadata, labels: { changed: 'yes' } },
      status: { phase: 'Failed' },
    };
    const main = await c.core.replaceNamespacedPod({
      namespace: 'crud',
      name: 'st',
      body: sneaky,
    });
    expect(main.status?.phase).toBe('Running');
    expect(main.metadata?.labels).toEqual({ changed: 'yes' });
    const statusWithLabel = {
      ...main,
      metadata: { ...main.metadata, labels: { other: 'x' } },
      status: { ...main.status, phase: 'Succeeded' },
    };
    const viaStatus = await c.core.replaceNamespacedPodStatus({
      namespace: 'crud',
      name: 'st',
      body: statusWithLabel,
    });
    expect(viaStatus.status?.phase).toBe('Succeeded');
    expect(viaStatus.metadata?.labels).toEqual({ changed: 'yes' });
  });

  it('bumps generation on spec changes only', async () => {
    const body = {
      metadata: { name: 'gen' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'g' } },
        template: {
          metadata: { labels: { app: 'g' } },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    };
    const d = await c.apps.createNamespacedDeployment({
      namespace: 'crud',
      body,
    });
    expect(d.metadata?.generation).toBe(1);
    const labelled = await c.apps.replaceNamespacedDeployment({
      namespace: 'crud',
      name: 'gen',
      body: { ...d, metadata: { ...d.metadata, labels: { x: 'y' } } },
    });
    expect(labelled.metadata?.generation).toBe(1);
    const status = await c.apps.replaceNamespacedDeploymentStatus({
      namespace: 'crud',
      name: 'gen',
      body: { ...labelled, status: { replicas: 1, observedGeneration: 1 } },
    });
    expect(status.metadata?.generation).toBe(1);
    const scaled = await c.apps.replaceNamespacedDeployment({
      namespace: 'crud',
      name: 'gen',
      body: { ...status, spec: { ...status.spec!, replicas: 3 } },
    });
    expect(scaled.metadata?.generation).toBe(2);
    expect(scaled.status?.replicas).toBe(1);
  });

  it('rejects changes to immutable pod spec fields', async () => {
    const p = await c.core.readNamespacedPod({ namespace: 'crud', name: 'p1' });
    const changed = { ...p, spec: { ...p.spec!, restartPolicy: 'Never' } };
    const status = await expectStatus(
      c.core.replaceNamespacedPod({
        namespace: 'crud',
        name: 'p1',
        body: changed,
      }),
      422,
    );
    expect(status.message).toContain(
      'Pod "p1" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`',
    );
    const image = {
      ...p,
      spec: {
        ...p.spec!,
        containers: [{ ...p.spec!.containers[0], image: 'nginx:1.28' }],
      },
    };
    const ok = await c.core.replaceNamespacedPod({
      namespace: 'crud',
      name: 'p1',
      body: image,
    });
    expect(ok.spec?.containers[0].image).toBe('nginx:1.28');
  });

  it('deletes, with uid and resourceVersion preconditions', async () => {
    const cm = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'del' } },
    });
    const wrongUid = await expectStatus(
      c.core.deleteNamespacedConfigMap({
        namespace: 'crud',
        name: 'del',
        body: { preconditions: { uid: 'other-uid' } },
      }),
      409,
    );
    expect(wrongUid.message).toBe(
      `Operation cannot be fulfilled on configmaps "del": Precondition failed: UID in precondition: other-uid, UID in object meta: ${cm.metadata?.uid}`,
    );
    const wrongRv = await expectStatus(
      c.core.deleteNamespacedConfigMap({
        namespace: 'crud',
        name: 'del',
        body: { preconditions: { resourceVersion: '1' } },
      }),
      409,
    );
    expect(wrongRv.message).toContain(
      'Precondition failed: ResourceVersion in precondition: 1',
    );
    const result = await c.core.deleteNamespacedConfigMap({
      namespace: 'crud',
      name: 'del',
      body: { preconditions: { uid: cm.metadata?.uid } },
    });
    expect(result.status).toBe('Success');
    expect(result.details?.uid).toBe(cm.metadata?.uid);
    await expectStatus(
      c.core.readNamespacedConfigMap({ namespace: 'crud', name: 'del' }),
      404,
    );
  });

  it('keeps objects with finalizers until the finalizers are removed', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'fin', finalizers: ['example.com/block'] } },
    });
    await c.core.deleteNamespacedConfigMap({ namespace: 'crud', name: 'fin' });
    const pending = await c.core.readNamespacedConfigMap({
      namespace: 'crud',
      name: 'fin',
    });
    expect(pending.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(pending.metadata?.finalizers).toEqual(['example.com/block']);
    const added = {
      ...pending,
      metadata: {
        ...pending.metadata,
        finalizers: ['example.com/block', 'example.com/more'],
      },
    };
    const refused = await expectStatus(
      c.core.replaceNamespacedConfigMap({
        namespace: 'crud',
        name: 'fin',
        body: added,
      }),
      422,
    );
    expect(refused.message).toContain(
      'no new finalizers can be added if the object is being deleted',
    );
    await c.core.replaceNamespacedConfigMap({
      namespace: 'crud',
      name: 'fin',
      body: { ...pending, metadata: { ...pending.metadata, finalizers: [] } },
    });
    await expectStatus(
      c.core.readNamespacedConfigMap({ namespace: 'crud', name: 'fin' }),
      404,
    );
  });

  it('deletes collections by label', async () => {
    for (const n of ['dc-1', 'dc-2', 'dc-3']) {
      await c.core.createNamespacedConfigMap({
        namespace: 'crud',
        body: {
          metadata: {
            name: n,
            labels: { batch: n === 'dc-3' ? 'keep' : 'drop' },
          },
        },
      });
    }
    await c.core.deleteCollectionNamespacedConfigMap({
      namespace: 'crud',
      labelSelector: 'batch=drop',
    });
    const left = await c.core.listNamespacedConfigMap({
      namespace: 'crud',
      labelSelector: 'batch',
    });
    expect(left.items.map(i => i.metadata?.name)).toEqual(['dc-3']);
  });

  it('folds Secret stringData into base64 data', async () => {
    const s = await c.core.createNamespacedSecret({
      namespace: 'crud',
      body: { metadata: { name: 'sd' }, stringData: { password: 'hunter2' } },
    });
    expect(s.data).toEqual({
      password: Buffer.from('hunter2').toString('base64'),
    });
    expect(s.type).toBe('Opaque');
    expect((s as any).stringData).toBeUndefined();
  });

  it('generates a Job selector and template labels from its uid', async () => {
    const job = await c.batch.createNamespacedJob({
      namespace: 'crud',
      body: {
        metadata: { name: 'j' },
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'c', image: 'busybox' }],
            },
          },
        },
      },
    });
    const uid = job.metadata!.uid!;
    expect(job.spec?.selector?.matchLabels).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
    });
    expect(job.spec?.template.metadata?.labels).toMatchObject({
      'job-name': 'j',
      'controller-uid': uid,
    });
    expect(job.spec?.backoffLimit).toBe(6);
    expect(job.spec?.completions).toBe(1);
  });

  it('allocates a cluster IP for services and keeps it across updates', async () => {
    const svc = await c.core.createNamespacedService({
      namespace: 'crud',
      body: {
        metadata: { name: 'web' },
        spec: { ports: [{ port: 80 }], selector: { app: 'web' } },
      },
    });
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(svc.spec?.type).toBe('ClusterIP');
    expect(svc.spec?.ports?.[0]).toMatchObject({
      port: 80,
      protocol: 'TCP',
      targetPort: 80,
    });
    const replaced = await c.core.replaceNamespacedService({
      namespace: 'crud',
      name: 'web',
      body: { metadata: { name: 'web' }, spec: { ports: [{ port: 8080 }] } },
    });
    expect(replaced.spec?.clusterIP).toBe(svc.spec?.clusterIP);
  });
});

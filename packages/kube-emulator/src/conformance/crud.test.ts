import { expectStatus, pod, useTestServer } from './harness';

describe('CRUD through client-node', () => {
  const c = useTestServer();
  beforeAll(async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'crud' } } });
  });

  it('creates with server-set metadata and reads it back', async () => {
    const created = await c.core.createNamespacedPod({
      namespace: 'crud',
      body: pod('p1'),
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.metadata?.namespace).toBe('crud');
    expect(created.status?.phase).toBe('Pending');
    expect(created.spec?.restartPolicy).toBe('Always');
    const read = await c.core.readNamespacedPod({
      namespace: 'crud',
      name: 'p1',
    });
    expect(read.metadata?.uid).toBe(created.metadata?.uid);
    expect(read.metadata?.resourceVersion).toBe(
      created.metadata?.resourceVersion,
    );
  });

  it('uses one global, increasing resourceVersion across kinds', async () => {
    const a = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'rv-a' } },
    });
    const b = await c.core.createNamespacedSecret({
      namespace: 'crud',
      body: { metadata: { name: 'rv-b' } },
    });
    const d = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'rv-c' } },
    });
    const [ra, rb, rd] = [a, b, d].map(o =>
      Number(o.metadata?.resourceVersion),
    );
    expect(rb).toBeGreaterThan(ra);
    expect(rd).toBeGreaterThan(rb);
  });

  it('fills generateName with a random suffix', async () => {
    const a = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { generateName: 'gen-' } },
    });
    const b = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { generateName: 'gen-' } },
    });
    expect(a.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(a.metadata?.name).not.toBe(b.metadata?.name);
  });

  it('answers 404 with the real NotFound status', async () => {
    const status = await expectStatus(
      c.core.readNamespacedPod({ namespace: 'crud', name: 'nope' }),
      404,
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const dep = await expectStatus(
      c.apps.readNamespacedDeployment({ namespace: 'crud', name: 'nope' }),
      404,
    );
    expect(dep.message).toBe('deployments.apps "nope" not found');
    expect(dep.details).toEqual({
      name: 'nope',
      group: 'apps',
      kind: 'deployments',
    });
  });

  it('answers 409 AlreadyExists', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'dup' } },
    });
    const status = await expectStatus(
      c.core.createNamespacedConfigMap({
        namespace: 'crud',
        body: { metadata: { name: 'dup' } },
      }),
      409,
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "dup" already exists',
      reason: 'AlreadyExists',
      details: { name: 'dup', kind: 'configmaps' },
      code: 409,
    });
  });

  it('answers 409 Conflict for a stale resourceVersion and accepts unconditional updates', async () => {
    const cm = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'occ' }, data: { a: '1' } },
    });
    const updated = await c.core.replaceNamespacedConfigMap({
      namespace: 'crud',
      name: 'occ',
      body: { ...cm, data: { a: '2' } },
    });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(
      Number(cm.metadata?.resourceVersion),
    );
    const status = await expectStatus(
      c.core.replaceNamespacedConfigMap({
        namespace: 'crud',
        name: 'occ',
        body: { ...cm, data: { a: '3' } },
      }),
      409,
    );
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe(
      'Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(status.details).toEqual({ name: 'occ', kind: 'configmaps' });
    const unconditional = { metadata: { name: 'occ' }, data: { a: '4' } };
    const last = await c.core.replaceNamespacedConfigMap({
      namespace: 'crud',
      name: 'occ',
      body: unconditional,
    });
    expect(last.data).toEqual({ a: '4' });
    expect(last.metadata?.uid).toBe(cm.metadata?.uid);
  });

  it('does not bump resourceVersion for a no-op update', async () => {
    const cm = await c.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'noop' }, data: { a: '1' } },
    });
    const same = await c.core.replaceNamespacedConfigMap({
      namespace: 'crud',
      name: 'noop',
      body: cm,
    });
    expect(same.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
  });

  it('rejects invalid names and missing fields with 422 Invalid', async () => {
    const status = await expectStatus(
      c.core.createNamespacedPod({ namespace: 'crud', body: pod('Bad_Name') }),
      422,
    );
    expect(status.reason).toBe('Invalid');
    expect(status.message).toBe(
      `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(status.details).toMatchObject({
      name: 'Bad_Name',
      kind: 'Pod',
      causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }],
    });

    const noContainers = await expectStatus(
      c.core.createNamespacedPod({
        namespace: 'crud',
        body: { metadata: { name: 'empty' }, spec: { containers: [] } },
      }),
      422,
    );
    expect(noContainers.message).toBe(
      'Pod "empty" is invalid: spec.containers: Required value',
    );

    const dep = await expectStatus(
      c.apps.createNamespacedDeployment({
        namespace: 'crud',
        body: {
          metadata: { name: 'd' },
          spec: {
            selector: { matchLabels: { a: 'b' } },
            template: {
              metadata: { labels: { a: 'c' } },
              spec: { containers: [{ name: 'x', image: 'y' }] },
            },
          },
        },
      }),
      422,
    );
    expect(dep.message).toBe(
      'Deployment.apps "d" is invalid: spec.template.metadata.labels: Invalid value: {"a":"c"}: `selector` does not match template `labels`',
    );
    expect(dep.details).toMatchObject({
      name: 'd',
      group: 'apps',
      kind: 'Deployment',
    });

    const ns = await expectStatus(
      c.core.createNamespace({ body: { metadata: { name: 'a.b' } } }),
      422,
    );
    expect(ns.message).toContain(
      'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label',
    );
    const svc = await expectStatus(
      c.core.createNamespacedService({
        namespace: 'crud',
        body: { metadata: { name: 'svc' }, spec: {} },
      }),
      422,
    );
    expect(svc.message).toBe(
      'Service "svc" is invalid: spec.ports: Required value',
    );
  });

  it('answers 404 for objects created in a missing namespace and 403 in a terminating one', async () => {
    const status = await expectStatus(
      c.core.createNamespacedConfigMap({
        namespace: 'ghost',
        body: { metadata: { name: 'x' } },
      }),
      404,
    );
    expect(status.message).toBe('namespaces "ghost" not found');
    expect(status.details).toEqual({ name: 'ghost', kind: 'namespaces' });

    await c.core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    await c.core.createNamespacedConfigMap({
      namespace: 'doomed',
      body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } },
    });
    await c.core.deleteNamespace({ name: 'doomed' });
    const ns = await c.core.readNamespace({ name: 'doomed' });
    expect(ns.status?.phase).toBe('Terminating');
    const forbidden = await expectStatus(
      c.core.createNamespacedConfigMap({
        namespace: 'doomed',
        body: { metadata: { name: 'late' } },
      }),
      403,
    );
    expect(forbidden.message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated',
    );
    expect(forbidden.details.causes).toEqual([
      {
        reason: 'NamespaceTerminating',
        message: 'namespace doomed is being terminated',
        field: 'metadata.namespace',
      },
    ]);
  });

  it('lists with a List kind and the current resourceVersion, across namespaces too', async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'crud2' } } });
    await c.core.createNamespacedPod({
      namespace: 'crud2',
      body: pod('other'),
    });
    const list = await c.core.listNamespacedPod({ namespace: 'crud' });
    expect(list.kind).toBe('PodList');
    expect(list.apiVersion).toBe('v1');
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(list.items.map(p => p.metadata?.name)).toEqual(['p1']);
    const all = await c.core.listPodForAllNamespaces();
    expect(
      all.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`),
    ).toEqual(['crud/p1', 'crud2/other']);
  });
});

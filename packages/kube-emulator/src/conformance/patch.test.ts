import { PatchStrategy } from '@kubernetes/client-node';
import { as, deployment, expectStatus, useTestServer } from './harness';

describe('PATCH with every strategy', () => {
  const c = useTestServer();

  it('applies a JSON merge patch (null removes a key)', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'default',
      body: {
        metadata: { name: 'mp', labels: { a: '1', b: '2' } },
        data: { x: '1' },
      },
    });
    const patched = await c.core.patchNamespacedConfigMap(
      {
        namespace: 'default',
        name: 'mp',
        body: { metadata: { labels: { b: null, c: '3' } }, data: { y: '2' } },
      },
      as(PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels).toEqual({ a: '1', c: '3' });
    expect(patched.data).toEqual({ x: '1', y: '2' });
  });

  it('applies a JSON patch, including test and failures as 422', async () => {
    await c.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'jp' }, data: { x: '1' } },
    });
    const patched = await c.core.patchNamespacedConfigMap(
      {
        namespace: 'default',
        name: 'jp',
        body: [
          { op: 'test', path: '/data/x', value: '1' },
          { op: 'replace', path: '/data/x', value: '2' },
          { op: 'add', path: '/metadata/labels', value: { 'k8s.io/app': 'v' } },
        ],
      },
      as(PatchStrategy.JsonPatch),
    );
    expect(patched.data).toEqual({ x: '2' });
    expect(patched.metadata?.labels).toEqual({ 'k8s.io/app': 'v' });
    const status = await expectStatus(
      c.core.patchNamespacedConfigMap(
        {
          namespace: 'default',
          name: 'jp',
          body: [{ op: 'test', path: '/data/x', value: 'nope' }],
        },
        as(PatchStrategy.JsonPatch),
      ),
      422,
    );
    expect(status.reason).toBe('Invalid');
    expect(status.message).toContain('test failed');
    await expectStatus(
      c.core.patchNamespacedConfigMap(
        {
          namespace: 'default',
          name: 'jp',
          body: [{ op: 'remove', path: '/data/missing' }],
        },
        as(PatchStrategy.JsonPatch),
      ),
      422,
    );
  });

  it('patches through KubernetesObjectApi with each strategy', async () => {
    const spec = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'obj', namespace: 'default' },
      data: { a: '1' },
    };
    await c.objects.create(spec);
    const merged = await c.objects.patch(
      { ...spec, data: { b: '2' } },
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    expect(merged.data).toEqual({ a: '1', b: '2' });
    const strategic = await c.objects.patch(
      { ...spec, data: { c: '3' } },
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.StrategicMergePatch,
    );
    expect(strategic.data).toEqual({ a: '1', b: '2', c: '3' });
    const applied = await c.objects.patch(
      { ...spec, data: { a: '9' } },
      undefined,
      undefined,
      'tester',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.data).toEqual({ a: '9', b: '2', c: '3' });
  });

  it('patches /status without touching spec, and vice versa', async () => {
    await c.apps.createNamespacedDeployment({
      namespace: 'default',
      body: deployment('st'),
    });
    const s = await c.apps.patchNamespacedDeploymentStatus(
      {
        namespace: 'default',
        name: 'st',
        body: {
          status: { replicas: 5, readyReplicas: 5 },
          spec: { replicas: 9 },
        },
      },
      as(PatchStrategy.MergePatch),
    );
    expect(s.status?.readyReplicas).toBe(5);
    expect(s.spec?.replicas).toBe(1);
    const m = await c.apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'st',
        body: { status: { readyReplicas: 0 }, spec: { replicas: 2 } },
      },
      as(PatchStrategy.MergePatch),
    );
    expect(m.status?.readyReplicas).toBe(5);
    expect(m.spec?.replicas).toBe(2);
  });

  it('honours a resourceVersion in the patch as a precondition', async () => {
    const cm = await c.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'pre' } },
    });
    await c.core.patchNamespacedConfigMap(
      { namespace: 'default', name: 'pre', body: { data: { a: '1' } } },
      as(PatchStrategy.MergePatch),
    );
    const status = await expectStatus(
      c.core.patchNamespacedConfigMap(
        {
          namespace: 'default',
          name: 'pre',
          body: {
            metadata: { resourceVersion: cm.metadata?.resourceVersion },
            data: { a: '2' },
          },
        },
        as(PatchStrategy.MergePatch),
      ),
      409,
    );
    expect(status.message).toBe(
      'Operation cannot be fulfilled on configmaps "pre": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('answers 404 for patching a missing object and 415 for strategic patches of custom resources', async () => {
    const missing = await expectStatus(
      c.core.patchNamespacedConfigMap(
        { namespace: 'default', name: 'ghost', body: { data: { a: '1' } } },
        as(PatchStrategy.MergePatch),
      ),
      404,
    );
    expect(missing.message).toBe('configmaps "ghost" not found');
    await c.ext.createCustomResourceDefinition({
      body: {
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', kind: 'Widget' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  x_kubernetes_preserve_unknown_fields: true,
                },
              },
            },
          ],
        },
      },
    });
    await c.custom.createNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { a: 1 },
      },
    });
    const unsupported = await expectStatus(
      c.custom.patchNamespacedCustomObject(
        {
          group: 'example.com',
          version: 'v1',
          namespace: 'default',
          plural: 'widgets',
          name: 'w',
          body: { spec: { b: 2 } },
        },
        as(PatchStrategy.StrategicMergePatch),
      ),
      415,
    );
    expect(unsupported.reason).toBe('UnsupportedMediaType');
    const merged: any = await c.custom.patchNamespacedCustomObject(
      {
        group: 'example.com',
        version: 'v1',
        namespace: 'default',
        plural: 'widgets',
        name: 'w',
        body: { spec: { b: 2 } },
      },
      as(PatchStrategy.MergePatch),
    );
    expect(merged.spec).toEqual({ a: 1, b: 2 });
  });

  it('rejects force on non-apply patches with 422', async () => {
    const status = await expectStatus(
      c.core.patchNamespacedConfigMap(
        { namespace: 'default', name: 'mp', body: { data: {} }, force: true },
        as(PatchStrategy.MergePatch),
      ),
      422,
    );
    expect(status.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });
});

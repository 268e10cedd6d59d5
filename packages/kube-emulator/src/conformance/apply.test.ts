import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expectStatus, useTestServer } from './harness';

const SSA = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

const cm = (data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'cfg',
    namespace: 'default',
    ...(labels ? { labels } : {}),
  },
  data,
});

describe('server-side apply', () => {
  const c = useTestServer();
  const apply = (body: object, fieldManager?: string, force?: boolean) =>
    c.core.patchNamespacedConfigMap(
      { namespace: 'default', name: 'cfg', body, fieldManager, force },
      SSA,
    );

  it('requires a fieldManager', async () => {
    const status = await expectStatus(apply(cm({ a: '1' })), 422);
    expect(status.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  });

  it('creates the object when missing and records the manager', async () => {
    const created = await apply(cm({ a: '1', b: '2' }, { team: 'x' }), 'alice');
    expect(created.data).toEqual({ a: '1', b: '2' });
    const entry = created.metadata?.managedFields?.find(
      m => m.manager === 'alice',
    );
    expect(entry?.operation).toBe('Apply');
    expect(entry?.fieldsType).toBe('FieldsV1');
    expect(entry?.fieldsV1).toEqual({
      'f:data': { 'f:a': {}, 'f:b': {} },
      'f:metadata': { 'f:labels': { 'f:team': {} } },
    });
  });

  it('is a no-op (same resourceVersion) when nothing changes', async () => {
    const before = await c.core.readNamespacedConfigMap({
      namespace: 'default',
      name: 'cfg',
    });
    const again = await apply(cm({ a: '1', b: '2' }, { team: 'x' }), 'alice');
    expect(again.metadata?.resourceVersion).toBe(
      before.metadata?.resourceVersion,
    );
  });

  it('shares fields applied with the same value and conflicts on different values', async () => {
    const shared = await apply(cm({ a: '1', c: '3' }), 'bob');
    expect(shared.data).toEqual({ a: '1', b: '2', c: '3' });
    const status = await expectStatus(apply(cm({ a: 'changed' }), 'bob'), 409);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "alice": .data.a',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "alice"',
            field: '.data.a',
          },
        ],
      },
      code: 409,
    });
  });

  it('lists every conflict per manager, including Update managers with their API version', async () => {
    await c.core.patchNamespacedConfigMap(
      {
        namespace: 'default',
        name: 'cfg',
        body: { data: { d: '4' } },
        fieldManager: 'kubectl-edit',
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const status = await expectStatus(
      apply(cm({ a: 'x', b: 'y', d: 'z' }), 'carol'),
      409,
    );
    // .data.a is shared by alice and bob (they applied the same value), so both are named.
    expect(status.message).toBe(
      'Apply failed with 4 conflicts: conflicts with "alice":\n- .data.a\n- .data.b\nconflicts with "bob":\n- .data.a\nconflicts with "kubectl-edit" using v1:\n- .data.d',
    );
    expect(status.details.causes).toContainEqual({
      reason: 'FieldManagerConflict',
      message: 'conflict with "kubectl-edit" using v1',
      field: '.data.d',
    });
  });

  it('takes fields over with force', async () => {
    const forced = await apply(cm({ a: 'x' }), 'carol', true);
    expect(forced.data?.a).toBe('x');
    const alice = forced.metadata?.managedFields?.find(
      m => m.manager === 'alice',
    );
    expect(alice?.fieldsV1).toEqual({
      'f:data': { 'f:b': {} },
      'f:metadata': { 'f:labels': { 'f:team': {} } },
    });
    const carol = forced.metadata?.managedFields?.find(
      m => m.manager === 'carol',
    );
    expect(carol?.fieldsV1).toEqual({ 'f:data': { 'f:a': {} } });
  });

  it('removes fields a manager stops applying unless someone else owns them', async () => {
    // bob applied a and c; a now belongs to carol only (forced). Dropping c removes it; b stays (alice).
    const bare = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
    };
    const after = await apply(bare, 'bob');
    expect(after.data).toEqual({ a: 'x', b: '2', d: '4' });
    expect(after.metadata?.managedFields?.some(m => m.manager === 'bob')).toBe(
      false,
    );
    const aliceDrops = await apply(bare, 'alice');
    expect(aliceDrops.data).toEqual({ a: 'x', d: '4' });
    expect(aliceDrops.metadata?.labels).toBeUndefined();
  });

  it('merges associative lists by key and records k: paths', async () => {
    const dep = (containers: object[]) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ssa-dep', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'a' } }, spec: { containers } },
      },
    });
    const applyDep = (body: object, manager: string, force?: boolean) =>
      c.apps.patchNamespacedDeployment(
        {
          namespace: 'default',
          name: 'ssa-dep',
          body,
          fieldManager: manager,
          force,
        },
        SSA,
      );
    const first = await applyDep(
      dep([{ name: 'web', image: 'nginx:1' }]),
      'team-a',
    );
    expect(first.metadata?.generation).toBe(1);
    const second = await applyDep(
      dep([{ name: 'sidecar', image: 'envoy:1' }]),
      'team-b',
    );
    expect(second.spec?.template.spec?.containers.map(x => x.name)).toEqual([
      'web',
      'sidecar',
    ]);
    const entry = second.metadata?.managedFields?.find(
      m => m.manager === 'team-b',
    );
    expect(
      entry?.fieldsV1?.['f:spec']['f:template']['f:spec']['f:containers'],
    ).toEqual({
      'k:{"name":"sidecar"}': { '.': {}, 'f:image': {}, 'f:name': {} },
    });
    const conflict = await expectStatus(
      applyDep(dep([{ name: 'web', image: 'nginx:2' }]), 'team-b'),
      409,
    );
    expect(conflict.message).toBe(
      'Apply failed with 1 conflict: conflict with "team-a": .spec.template.spec.containers[name="web"].image',
    );
  });

  it('applies through KubernetesObjectApi and the status subresource', async () => {
    const spec = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ssa-svc', namespace: 'default' },
      spec: { ports: [{ port: 80 }] },
    };
    const svc = await c.objects.patch(
      spec,
      undefined,
      undefined,
      'svc-manager',
      false,
      PatchStrategy.ServerSideApply,
    );
    expect((svc as any).spec.clusterIP).toMatch(/^10\.96\./);
    const withStatus = await c.core.patchNamespacedServiceStatus(
      {
        namespace: 'default',
        name: 'ssa-svc',
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'ssa-svc' },
          status: { loadBalancer: { ingress: [{ ip: '127.0.0.9' }] } },
        },
        fieldManager: 'lb-controller',
      },
      SSA,
    );
    expect(withStatus.status?.loadBalancer?.ingress?.[0].ip).toBe('127.0.0.9');
    const entry = withStatus.metadata?.managedFields?.find(
      m => m.manager === 'lb-controller',
    );
    expect(entry?.subresource).toBe('status');
  });
});

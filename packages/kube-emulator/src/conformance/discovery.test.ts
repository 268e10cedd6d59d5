import {
  KubernetesObject,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { ALL_VERBS, expectStatus, raw, useTestServer } from './harness';

const podSpec = { containers: [{ name: 'c', image: 'busybox:1' }] };
const template = { metadata: { labels: { app: 'x' } }, spec: podSpec };
const selector = { matchLabels: { app: 'x' } };

/** One minimal valid object of every built-in kind the issue lists (and a few more). */
const OBJECTS: KubernetesObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'k' },
    spec: podSpec,
  } as KubernetesObject,
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'k' },
    spec: { ports: [{ port: 80 }] },
  } as KubernetesObject,
  { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'k' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'k' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'k' } },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'k' },
    involvedObject: { kind: 'Pod', name: 'k' },
    reason: 'Test',
  } as KubernetesObject,
  { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'k' } },
  { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'k' } },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'k' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    },
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'k' },
    spec: { selector, template },
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'k' },
    spec: { selector, template },
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'k' },
    spec: { selector, template, serviceName: 'k' },
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'k' },
    spec: { selector, template },
  } as KubernetesObject,
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'k' },
    spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } },
  } as KubernetesObject,
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'k' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: {
        spec: {
          template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } },
        },
      },
    },
  } as KubernetesObject,
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'k' },
    spec: { podSelector: {} },
  } as KubernetesObject,
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'k' },
    spec: { rules: [] },
  } as KubernetesObject,
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'k' },
    rules: [],
  } as KubernetesObject,
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'k' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'k' },
  } as KubernetesObject,
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'k' },
    rules: [],
  } as KubernetesObject,
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'k' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'k',
    },
  } as KubernetesObject,
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'k' },
    spec: { minAvailable: 1, selector },
  } as KubernetesObject,
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'k' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'k' },
      maxReplicas: 3,
    },
  } as KubernetesObject,
  {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'k' },
  },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'k' } },
];

describe('discovery and the built-in kinds', () => {
  const c = useTestServer();

  it('serves /version, /api, /apis and group versions', async () => {
    expect((await raw(c.server, '/version')).json).toMatchObject({
      major: '1',
      minor: '33',
      gitVersion: expect.stringMatching(/^v1\.33\./),
    });
    expect((await raw(c.server, '/api')).json).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    const groups = (await raw(c.server, '/apis')).json;
    expect(groups.kind).toBe('APIGroupList');
    const names = groups.groups.map((g: any) => g.name);
    for (const g of [
      'apps',
      'batch',
      'networking.k8s.io',
      'rbac.authorization.k8s.io',
      'policy',
      'autoscaling',
      'authorization.k8s.io',
      'apiextensions.k8s.io',
    ]) {
      expect(names).toContain(g);
    }
    expect(
      groups.groups.find((g: any) => g.name === 'autoscaling').preferredVersion,
    ).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
    expect((await raw(c.server, '/apis/apps')).json).toMatchObject({
      kind: 'APIGroup',
      name: 'apps',
    });
    expect((await raw(c.server, '/healthz')).text).toBe('ok');
  });

  it('describes resources with kinds, verbs, short names and subresources', async () => {
    const core = (await raw(c.server, '/api/v1')).json;
    const byName = Object.fromEntries(
      core.resources.map((r: any) => [r.name, r]),
    );
    expect(byName.pods).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ALL_VERBS,
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(byName['pods/log']).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    expect(byName['pods/status']).toMatchObject({
      kind: 'Pod',
      verbs: ['get', 'patch', 'update'],
    });
    expect(byName.namespaces.namespaced).toBe(false);
    const apps = (await raw(c.server, '/apis/apps/v1')).json;
    expect(
      apps.resources.find((r: any) => r.name === 'deployments/scale'),
    ).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const authz = (await raw(c.server, '/apis/authorization.k8s.io/v1')).json;
    expect(
      authz.resources.find((r: any) => r.name === 'selfsubjectaccessreviews'),
    ).toMatchObject({ verbs: ['create'], namespaced: false });
  });

  it('serves an (empty) OpenAPI v2 document for kubectl and no v3', async () => {
    const v2 = await raw(c.server, '/openapi/v2', {
      headers: { accept: 'application/json' },
    });
    expect(v2.status).toBe(200);
    expect(v2.json.swagger).toBe('2.0');
    expect((await raw(c.server, '/openapi/v3')).status).toBe(404);
  });

  it.each(OBJECTS.map(o => [`${o.apiVersion} ${o.kind}`, o]))(
    'creates, reads, lists and deletes %s through KubernetesObjectApi',
    async (_, obj) => {
      const o = obj as KubernetesObject;
      const spec = {
        ...o,
        metadata: { ...o.metadata, name: `k-${o.kind!.toLowerCase()}` },
      };
      const created = await c.objects.create(spec);
      expect(created.metadata?.uid).toBeTruthy();
      const read = await c.objects.read({
        apiVersion: o.apiVersion,
        kind: o.kind,
        metadata: {
          name: spec.metadata.name,
          namespace: created.metadata?.namespace,
        },
      });
      expect(read.metadata?.uid).toBe(created.metadata?.uid);
      const list = await c.objects.list(
        o.apiVersion!,
        o.kind!,
        created.metadata?.namespace,
      );
      expect(list.items.map(i => i.metadata?.name)).toContain(
        spec.metadata.name,
      );
      await c.objects.delete(
        { ...read, metadata: { ...read.metadata, name: spec.metadata.name } },
        undefined,
        undefined,
        0,
      );
    },
  );

  it('serves the scale subresource', async () => {
    await c.apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'sc' },
        spec: { replicas: 2, selector, template },
      },
    });
    const scale = await c.apps.readNamespacedDeploymentScale({
      namespace: 'default',
      name: 'sc',
    });
    expect(scale.spec?.replicas).toBe(2);
    expect(scale.status?.selector).toBe('app=x');
    const updated = await c.apps.replaceNamespacedDeploymentScale({
      namespace: 'default',
      name: 'sc',
      body: {
        metadata: { name: 'sc', namespace: 'default' },
        spec: { replicas: 5 },
      },
    });
    expect(updated.spec?.replicas).toBe(5);
    const patched = await c.apps.patchNamespacedDeploymentScale(
      { namespace: 'default', name: 'sc', body: { spec: { replicas: 0 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.spec?.replicas).toBe(0);
    const dep = await c.apps.readNamespacedDeployment({
      namespace: 'default',
      name: 'sc',
    });
    expect(dep.spec?.replicas).toBe(0);
    expect(dep.metadata?.generation).toBe(3);
    const negative = await expectStatus(
      c.apps.replaceNamespacedDeploymentScale({
        namespace: 'default',
        name: 'sc',
        body: { metadata: { name: 'sc' }, spec: { replicas: -1 } },
      }),
      422,
    );
    expect(negative.message).toBe(
      'Scale.autoscaling "sc" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('binds pods to nodes through pods/binding, once', async () => {
    await c.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'bind-me' }, spec: podSpec },
    });
    const viaSub = await raw(
      c.server,
      '/api/v1/namespaces/default/pods/bind-me/binding',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: 'bind-me' },
          target: { kind: 'Node', name: 'node-a' },
        }),
      },
    );
    expect(viaSub.status).toBe(201);
    const p = await c.core.readNamespacedPod({
      namespace: 'default',
      name: 'bind-me',
    });
    expect(p.spec?.nodeName).toBe('node-a');
    expect(
      p.status?.conditions?.find(x => x.type === 'PodScheduled')?.status,
    ).toBe('True');
    const again = await raw(
      c.server,
      '/api/v1/namespaces/default/pods/bind-me/binding',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: { kind: 'Node', name: 'node-b' } }),
      },
    );
    expect(again.status).toBe(409);
    expect(again.json.message).toBe(
      'Operation cannot be fulfilled on pods/binding "bind-me": pod bind-me is already assigned to node "node-a"',
    );
  });
});

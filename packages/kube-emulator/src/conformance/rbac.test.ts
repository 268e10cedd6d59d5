import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
import { RunningApiServer, startApiServer } from '../startApiServer';
import {
  Clients,
  clientsFor,
  expectStatus,
  pod,
  raw,
  startTestServer,
} from './harness';

describe('authentication and RBAC', () => {
  let server: RunningApiServer;
  let admin: Clients;
  let alice: Clients;
  let robot: Clients;
  beforeAll(async () => {
    ({ server, ...admin } = await startTestServer({
      rbac: true,
      tokens: {
        'alice-token': 'alice',
        'robot-token': 'system:serviceaccount:team:robot',
        'ops-token': { username: 'olga', groups: ['ops'] },
      },
    }));
    alice = clientsFor(server, 'alice');
    robot = clientsFor(server, 'system:serviceaccount:team:robot');
    await admin.core.createNamespace({ body: { metadata: { name: 'team' } } });
    await admin.core.createNamespacedPod({ namespace: 'team', body: pod('p') });
    for (const name of ['allowed', 'secret-ish'])
      await admin.core.createNamespacedConfigMap({
        namespace: 'team',
        body: { metadata: { name } },
      });
  });
  afterAll(() => server.close());

  it('answers 401 with an Unauthorized Status for missing or unknown tokens', async () => {
    for (const token of [null, 'wrong']) {
      const res = await raw(server, '/api/v1/namespaces', { token });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('forbids what no binding allows, with the real Forbidden message', async () => {
    const list = await expectStatus(
      alice.core.listNamespacedPod({ namespace: 'team' }),
      403,
    );
    expect(list).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "team"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    const get = await expectStatus(
      alice.core.readNamespacedPod({ namespace: 'team', name: 'p' }),
      403,
    );
    expect(get.message).toBe(
      'pods "p" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "team"',
    );
    expect(get.details).toEqual({ name: 'p', kind: 'pods' });
    const nodes = await expectStatus(alice.core.listNode(), 403);
    expect(nodes.message).toBe(
      'nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope',
    );
    const deps = await expectStatus(
      alice.apps.listNamespacedDeployment({ namespace: 'team' }),
      403,
    );
    expect(deps.message).toBe(
      'deployments.apps is forbidden: User "alice" cannot list resource "deployments" in API group "apps" in the namespace "team"',
    );
    expect(deps.details).toEqual({ group: 'apps', kind: 'deployments' });
  });

  it('allows discovery to every authenticated user', async () => {
    const res = await raw(server, '/api/v1', { token: 'alice-token' });
    expect(res.status).toBe(200);
    expect(res.json.kind).toBe('APIResourceList');
  });

  it('evaluates Roles and RoleBindings: verbs, resources, subresources, resourceNames', async () => {
    await admin.rbac.createNamespacedRole({
      namespace: 'team',
      body: {
        metadata: { name: 'reader' },
        rules: [
          {
            apiGroups: [''],
            resources: ['pods'],
            verbs: ['get', 'list', 'watch'],
          },
          {
            apiGroups: [''],
            resources: ['configmaps'],
            resourceNames: ['allowed'],
            verbs: ['get'],
          },
        ],
      },
    });
    await admin.rbac.createNamespacedRoleBinding({
      namespace: 'team',
      body: {
        metadata: { name: 'alice-reads' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'reader',
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'User',
            name: 'alice',
          },
        ],
      },
    });
    expect(
      (await alice.core.listNamespacedPod({ namespace: 'team' })).items.map(
        p => p.metadata?.name,
      ),
    ).toEqual(['p']);
    const create = await expectStatus(
      alice.core.createNamespacedPod({ namespace: 'team', body: pod('q') }),
      403,
    );
    expect(create.message).toBe(
      'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "team"',
    );
    const log = await expectStatus(
      alice.core.readNamespacedPodLog({ namespace: 'team', name: 'p' }),
      403,
    );
    expect(log.message).toBe(
      'pods "p" is forbidden: User "alice" cannot get resource "pods/log" in API group "" in the namespace "team"',
    );
    expect(
      (
        await alice.core.readNamespacedConfigMap({
          namespace: 'team',
          name: 'allowed',
        })
      ).metadata?.name,
    ).toBe('allowed');
    await expectStatus(
      alice.core.readNamespacedConfigMap({
        namespace: 'team',
        name: 'secret-ish',
      }),
      403,
    );
    await expectStatus(
      alice.core.listNamespacedConfigMap({ namespace: 'team' }),
      403,
    );
    await expectStatus(
      alice.core.listNamespacedPod({ namespace: 'default' }),
      403,
    );
  });

  it('binds ServiceAccounts by subject and by group, and ClusterRoles with wildcards', async () => {
    await expectStatus(
      robot.core.listNamespacedConfigMap({ namespace: 'team' }),
      403,
    );
    await admin.rbac.createClusterRole({
      body: {
        metadata: { name: 'read-all' },
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] }],
      },
    });
    await admin.rbac.createNamespacedRoleBinding({
      namespace: 'team',
      body: {
        metadata: { name: 'sas-read' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'read-all',
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Group',
            name: 'system:serviceaccounts:team',
          },
        ],
      },
    });
    expect(
      (await robot.core.listNamespacedConfigMap({ namespace: 'team' })).items
        .length,
    ).toBeGreaterThan(0);
    await expectStatus(
      robot.core.listNamespacedConfigMap({ namespace: 'default' }),
      403,
    );
    await admin.rbac.createClusterRoleBinding({
      body: {
        metadata: { name: 'robot-everywhere' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'read-all',
        },
        subjects: [
          { kind: 'ServiceAccount', name: 'robot', namespace: 'team' },
        ],
      },
    });
    expect((await robot.apps.listDeploymentForAllNamespaces()).items).toEqual(
      [],
    );
    await expectStatus(
      robot.core.deleteNamespacedConfigMap({
        namespace: 'team',
        name: 'allowed',
      }),
      403,
    );
  });

  it('answers SelfSubjectAccessReview (kubectl auth can-i) and SubjectAccessReview', async () => {
    const review = async (
      c: Clients,
      verb: string,
      resource: string,
      namespace = 'team',
    ) =>
      (
        await c.authz.createSelfSubjectAccessReview({
          body: { spec: { resourceAttributes: { verb, resource, namespace } } },
        })
      ).status?.allowed;
    expect(await review(alice, 'list', 'pods')).toBe(true);
    expect(await review(alice, 'delete', 'pods')).toBe(false);
    expect(await review(admin, 'delete', 'pods')).toBe(true);
    const sar = await admin.authz.createSubjectAccessReview({
      body: {
        spec: {
          user: 'alice',
          resourceAttributes: {
            verb: 'get',
            resource: 'configmaps',
            name: 'allowed',
            namespace: 'team',
          },
        },
      },
    });
    expect(sar.status?.allowed).toBe(true);
    const rules = await alice.authz.createSelfSubjectRulesReview({
      body: { spec: { namespace: 'team' } },
    });
    expect(
      rules.status?.resourceRules.some(
        r => r.resources?.includes('pods') && r.verbs.includes('list'),
      ),
    ).toBe(true);
  });

  it('issues ServiceAccount tokens through TokenRequest', async () => {
    await admin.core.createNamespacedServiceAccount({
      namespace: 'default',
      body: { metadata: { name: 'deployer' } },
    });
    const tr = await admin.core.createNamespacedServiceAccountToken({
      namespace: 'default',
      name: 'deployer',
      body: { spec: { audiences: [] } },
    });
    expect(tr.status?.token).toBeTruthy();
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'u', token: tr.status!.token }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const status = await expectStatus(
      kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'team' }),
      403,
    );
    expect(status.message).toBe(
      'pods is forbidden: User "system:serviceaccount:default:deployer" cannot list resource "pods" in API group "" in the namespace "team"',
    );
  });

  it('accepts anonymous requests only when allowed', async () => {
    const open = await startApiServer({ port: 0, anonymous: true });
    try {
      const res = await raw(open, '/api/v1/namespaces', { token: null });
      expect(res.status).toBe(200);
      expect(res.json.kind).toBe('NamespaceList');
      const bad = await raw(open, '/api/v1/namespaces', {
        token: 'not-a-token',
      });
      expect(bad.status).toBe(401);
    } finally {
      await open.close();
    }
    const guarded = await startApiServer({
      port: 0,
      anonymous: true,
      rbac: true,
    });
    try {
      const res = await raw(guarded, '/api/v1/namespaces', { token: null });
      expect(res.status).toBe(403);
      expect(res.json.message).toBe(
        'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope',
      );
      expect((await raw(guarded, '/version', { token: null })).status).toBe(
        200,
      );
    } finally {
      await guarded.close();
    }
  });
});

import { RunningApiServer } from '../startApiServer';
import { raw, startTestServer } from './harness';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const rbacRef = (kind: string, name: string) => ({
  apiGroup: 'rbac.authorization.k8s.io',
  kind,
  name,
});
const binding = (name: string, roleKind: string, roleName: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name, namespace: 'team' },
  roleRef: rbacRef(roleKind, roleName),
  subjects: [{ kind: 'User', name: 'nobody' }],
});
const role = (name: string, rules: object[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name, namespace: 'team' },
  rules,
});
const podRule = (...verbs: string[]) => ({
  apiGroups: [''],
  resources: ['pods'],
  verbs,
});

describe('RBAC privilege-escalation prevention', () => {
  let server: RunningApiServer;

  const send = (
    token: string,
    method: string,
    path: string,
    body?: object,
    type = 'application/json',
  ) =>
    raw(server, path, {
      method,
      token,
      body: body ? JSON.stringify(body) : undefined,
      headers: body ? { 'content-type': type } : {},
    });
  const create = (token: string, plural: string, body: object) =>
    send(token, 'POST', `${RBAC}/namespaces/team/${plural}`, body);
  const apply = (token: string, plural: string, body: any) =>
    send(
      token,
      'PATCH',
      `${RBAC}/namespaces/team/${plural}/${body.metadata.name}?fieldManager=test`,
      body,
      'application/apply-patch+yaml',
    );

  /** Grants a user rules in namespace team through a Role of its own. */
  async function grant(user: string, rules: object[]) {
    const b = {
      ...binding(`${user}-perms`, 'Role', `${user}-perms`),
      subjects: [{ kind: 'User', name: user }],
    };
    for (const res of [
      await create(server.adminToken, 'roles', role(`${user}-perms`, rules)),
      await create(server.adminToken, 'rolebindings', b),
    ])
      if (res.status !== 201) throw new Error(res.text);
  }

  beforeAll(async () => {
    ({ server } = await startTestServer({
      rbac: true,
      tokens: Object.fromEntries(
        ['dana', 'erin', 'frank', 'gail', 'hank', 'ivy'].map(u => [
          `${u}-token`,
          u,
        ]),
      ),
    }));
    await raw(server, '/api/v1/namespaces', {
      method: 'POST',
      body: JSON.stringify({ metadata: { name: 'team' } }),
      headers: { 'content-type': 'application/json' },
    });
    for (const [name, rules] of [
      ['pod-reader', [podRule('get')]],
      [
        'secret-reader',
        [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
      ],
    ] as const) {
      const res = await send(
        server.adminToken,
        'POST',
        `${RBAC}/clusterroles`,
        {
          metadata: { name },
          rules,
        },
      );
      if (res.status !== 201) throw new Error(res.text);
    }
    const bindingWriter = {
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['rolebindings'],
      verbs: ['create', 'get', 'update', 'patch'],
    };
    // dana may write RoleBindings and read pods, but may bind nothing.
    await grant('dana', [bindingWriter, podRule('get')]);
    // erin may bind only the secret-reader ClusterRole.
    await grant('erin', [
      bindingWriter,
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        resourceNames: ['secret-reader'],
        verbs: ['bind'],
      },
    ]);
    // frank may patch RoleBindings and bind anything, but not create RoleBindings.
    await grant('frank', [
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['rolebindings'],
        verbs: ['patch'],
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        verbs: ['bind'],
      },
    ]);
    const roleWriter = {
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['roles'],
      verbs: ['create', 'get', 'update', 'patch'],
    };
    // gail reads pods and writes Roles; hank also may escalate Roles; ivy may escalate Role "grow" only.
    await grant('gail', [roleWriter, podRule('get')]);
    await grant('hank', [
      roleWriter,
      podRule('get'),
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['roles'],
        verbs: ['escalate'],
      },
    ]);
    await grant('ivy', [
      roleWriter,
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['roles'],
        resourceNames: ['grow'],
        verbs: ['escalate'],
      },
    ]);
  });
  afterAll(() => server.close());

  it('refuses binding cluster-admin without bind, with the API server message', async () => {
    const res = await create(
      'dana-token',
      'rolebindings',
      binding('dana-admin', 'ClusterRole', 'cluster-admin'),
    );
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'rolebindings.rbac.authorization.k8s.io "dana-admin" is forbidden: user "dana" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n' +
        '{NonResourceURLs:["*"], Verbs:["*"]}',
      reason: 'Forbidden',
      details: {
        name: 'dana-admin',
        group: 'rbac.authorization.k8s.io',
        kind: 'rolebindings',
      },
      code: 403,
    });
    const applied = await apply(
      'dana-token',
      'rolebindings',
      binding('dana-admin', 'ClusterRole', 'cluster-admin'),
    );
    expect(applied.status).toBe(403);
    expect(applied.json.message).toContain(
      'is attempting to grant RBAC permissions not currently held',
    );
    const stored = await send(
      server.adminToken,
      'GET',
      `${RBAC}/namespaces/team/rolebindings/dana-admin`,
    );
    expect(stored.status).toBe(404);
  });

  it('lets a user bind a role whose permissions they already hold there', async () => {
    const res = await create(
      'dana-token',
      'rolebindings',
      binding('dana-pods', 'ClusterRole', 'pod-reader'),
    );
    expect(res.status).toBe(201);
    // Not a permission dana holds: listing missing permissions merged by resource.
    const secrets = await create(
      'dana-token',
      'rolebindings',
      binding('dana-secrets', 'ClusterRole', 'secret-reader'),
    );
    expect(secrets.status).toBe(403);
    expect(secrets.json.message).toMatch(
      /not currently held:\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get" "list"\]\}$/,
    );
  });

  it('answers 404 for the role when binding a missing role without bind', async () => {
    const res = await create(
      'dana-token',
      'rolebindings',
      binding('dana-nope', 'ClusterRole', 'nope'),
    );
    expect(res.status).toBe(404);
    expect(res.json.message).toBe(
      'clusterroles.rbac.authorization.k8s.io "nope" not found',
    );
  });

  it('lets bind with resourceNames bind exactly the named role, by create and by apply', async () => {
    const ok = await create(
      'erin-token',
      'rolebindings',
      binding('erin-secrets', 'ClusterRole', 'secret-reader'),
    );
    expect(ok.status).toBe(201);
    const admin = await create(
      'erin-token',
      'rolebindings',
      binding('erin-admin', 'ClusterRole', 'cluster-admin'),
    );
    expect(admin.status).toBe(403);
    expect(
      (
        await apply(
          'erin-token',
          'rolebindings',
          binding('erin-admin', 'ClusterRole', 'cluster-admin'),
        )
      ).status,
    ).toBe(403);
    const applied = await apply(
      'erin-token',
      'rolebindings',
      binding('erin-applied', 'ClusterRole', 'secret-reader'),
    );
    expect(applied.status).toBe(201);
    // Updating an existing binding is checked too (here adding a subject).
    const b = binding('dana-pods', 'ClusterRole', 'pod-reader');
    b.subjects.push({ kind: 'User', name: 'somebody' });
    const changed = await send(
      'erin-token',
      'PATCH',
      `${RBAC}/namespaces/team/rolebindings/dana-pods?fieldManager=test&force=true`,
      b,
      'application/apply-patch+yaml',
    );
    expect(changed.status).toBe(403);
    // Re-applying it unchanged writes nothing new and is not checked.
    b.subjects.pop();
    expect((await apply('erin-token', 'rolebindings', b)).status).toBe(200);
  });

  it('authorizes an apply that creates an object as create too', async () => {
    const res = await apply(
      'frank-token',
      'rolebindings',
      binding('frank-new', 'ClusterRole', 'pod-reader'),
    );
    expect(res.status).toBe(403);
    expect(res.json.message).toBe(
      'rolebindings.rbac.authorization.k8s.io "frank-new" is forbidden: ',
    );
    // The same apply to an existing binding is a patch, which frank may do.
    const existing = await apply(
      'frank-token',
      'rolebindings',
      binding('erin-secrets', 'ClusterRole', 'secret-reader'),
    );
    expect(existing.status).toBe(200);
  });

  it('refuses a Role granting more than its author holds, on create, update and apply', async () => {
    expect(
      (await create('gail-token', 'roles', role('pods-get', [podRule('get')])))
        .status,
    ).toBe(201);
    const more = await create(
      'gail-token',
      'roles',
      role('pods-delete', [podRule('get', 'delete')]),
    );
    expect(more.status).toBe(403);
    expect(more.json.message).toBe(
      'roles.rbac.authorization.k8s.io "pods-delete" is forbidden: user "gail" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    );
    const current = await send(
      'gail-token',
      'GET',
      `${RBAC}/namespaces/team/roles/pods-get`,
    );
    const put = await send(
      'gail-token',
      'PUT',
      `${RBAC}/namespaces/team/roles/pods-get`,
      { ...current.json, rules: [podRule('get', 'delete')] },
    );
    expect(put.status).toBe(403);
    const applied = await apply(
      'gail-token',
      'roles',
      role('pods-more', [podRule('get', 'delete')]),
    );
    expect(applied.status).toBe(403);
    expect(
      (await apply('gail-token', 'roles', role('pods-more', [podRule('get')])))
        .status,
    ).toBe(201);
  });

  it('lets escalate on roles write any Role, and escalate with resourceNames only that Role by name', async () => {
    expect(
      (
        await create(
          'hank-token',
          'roles',
          role('pods-delete', [podRule('get', 'delete')]),
        )
      ).status,
    ).toBe(201);
    // A POST has no name to authorize, so escalate restricted by name does not apply.
    expect(
      (await create('ivy-token', 'roles', role('grow', [podRule('delete')])))
        .status,
    ).toBe(403);
    expect(
      (await apply('ivy-token', 'roles', role('grow', [podRule('delete')])))
        .status,
    ).toBe(201);
    expect(
      (await apply('ivy-token', 'roles', role('other', [podRule('delete')])))
        .status,
    ).toBe(403);
  });

  it('lets system:masters bind and grant anything', async () => {
    const res = await create(
      server.adminToken,
      'rolebindings',
      binding('admin-binds', 'ClusterRole', 'cluster-admin'),
    );
    expect(res.status).toBe(201);
  });
});

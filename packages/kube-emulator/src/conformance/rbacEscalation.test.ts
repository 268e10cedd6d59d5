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

  it('refuses binding cluster-admin without bind with the API server Status, and stores nothing', async () => {
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
    const stored = await send(
      server.adminToken,
      'GET',
      `${RBAC}/namespaces/team/rolebindings/dana-admin`,
    );
    expect(stored.status).toBe(404);
  });

  /**
   * One write of a Role or RoleBinding in namespace team, by create (POST) or server-side apply,
   * and what the API server answers. In order: later rows rely on what earlier ones created.
   */
  interface Write {
    why: string;
    user: string;
    how: 'create' | 'apply';
    object: { kind: string; metadata: { name: string } };
    status: number;
    message?: string | RegExp;
  }
  const NOT_HELD = /is attempting to grant RBAC permissions not currently held/;
  const toClusterRole = (name: string, roleName: string) =>
    binding(name, 'ClusterRole', roleName);
  const WRITES: Write[] = [
    // dana may write RoleBindings but holds no bind.
    {
      why: 'binding cluster-admin without bind',
      user: 'dana',
      how: 'apply',
      object: toClusterRole('dana-admin', 'cluster-admin'),
      status: 403,
      message: NOT_HELD,
    },
    {
      why: 'binding a role whose permissions the user holds there',
      user: 'dana',
      how: 'create',
      object: toClusterRole('dana-pods', 'pod-reader'),
      status: 201,
    },
    {
      why: 'binding a role with permissions the user lacks, listed merged by resource',
      user: 'dana',
      how: 'create',
      object: toClusterRole('dana-secrets', 'secret-reader'),
      status: 403,
      message:
        /not currently held:\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get" "list"\]\}$/,
    },
    {
      why: 'binding a missing role without bind (404 for the role)',
      user: 'dana',
      how: 'create',
      object: toClusterRole('dana-nope', 'nope'),
      status: 404,
      message: 'clusterroles.rbac.authorization.k8s.io "nope" not found',
    },
    // erin may bind the secret-reader ClusterRole only (bind with resourceNames).
    {
      why: 'binding the role bind names',
      user: 'erin',
      how: 'create',
      object: toClusterRole('erin-secrets', 'secret-reader'),
      status: 201,
    },
    {
      why: 'binding another role',
      user: 'erin',
      how: 'create',
      object: toClusterRole('erin-admin', 'cluster-admin'),
      status: 403,
      message: NOT_HELD,
    },
    {
      why: 'binding another role by apply',
      user: 'erin',
      how: 'apply',
      object: toClusterRole('erin-admin', 'cluster-admin'),
      status: 403,
      message: NOT_HELD,
    },
    {
      why: 'binding the role bind names, by apply',
      user: 'erin',
      how: 'apply',
      object: toClusterRole('erin-applied', 'secret-reader'),
      status: 201,
    },
    // frank may patch RoleBindings and bind anything, but not create RoleBindings.
    {
      why: 'an apply that creates is authorized as create too',
      user: 'frank',
      how: 'apply',
      object: toClusterRole('frank-new', 'pod-reader'),
      status: 403,
      message:
        'rolebindings.rbac.authorization.k8s.io "frank-new" is forbidden: ',
    },
    {
      why: 'the same apply to an existing binding is a patch',
      user: 'frank',
      how: 'apply',
      object: toClusterRole('erin-secrets', 'secret-reader'),
      status: 200,
    },
    // gail reads pods and writes Roles, without escalate.
    {
      why: 'a Role granting what its author holds',
      user: 'gail',
      how: 'create',
      object: role('pods-get', [podRule('get')]),
      status: 201,
    },
    {
      why: 'a Role granting more than its author holds',
      user: 'gail',
      how: 'create',
      object: role('pods-delete', [podRule('get', 'delete')]),
      status: 403,
      message:
        'roles.rbac.authorization.k8s.io "pods-delete" is forbidden: user "gail" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    },
    {
      why: 'a Role granting more than its author holds, by apply',
      user: 'gail',
      how: 'apply',
      object: role('pods-more', [podRule('get', 'delete')]),
      status: 403,
      message: NOT_HELD,
    },
    {
      why: 'the same Role within what its author holds, by apply',
      user: 'gail',
      how: 'apply',
      object: role('pods-more', [podRule('get')]),
      status: 201,
    },
    // hank may escalate Roles; ivy may escalate the Role named grow only.
    {
      why: 'escalate on roles writes any Role',
      user: 'hank',
      how: 'create',
      object: role('pods-delete', [podRule('get', 'delete')]),
      status: 201,
    },
    {
      why: 'escalate by name does not apply to a POST, which has no name to authorize',
      user: 'ivy',
      how: 'create',
      object: role('grow', [podRule('delete')]),
      status: 403,
      message: NOT_HELD,
    },
    {
      why: 'escalate by name applies to an apply of that Role',
      user: 'ivy',
      how: 'apply',
      object: role('grow', [podRule('delete')]),
      status: 201,
    },
    {
      why: 'escalate by name does not cover another Role',
      user: 'ivy',
      how: 'apply',
      object: role('other', [podRule('delete')]),
      status: 403,
      message: NOT_HELD,
    },
    {
      why: 'system:masters binds anything',
      user: 'admin',
      how: 'create',
      object: toClusterRole('admin-binds', 'cluster-admin'),
      status: 201,
    },
  ];

  /** An asymmetric matcher for a Status message: a substring, or a pattern. */
  const textMatching = (message: string | RegExp) =>
    typeof message === 'string'
      ? expect.stringContaining(message)
      : expect.stringMatching(message);

  it.each(WRITES)(
    '$user: $how $object.kind $object.metadata.name → $status ($why)',
    async ({ user, how, object, status, message }) => {
      const token = user === 'admin' ? server.adminToken : `${user}-token`;
      const plural = object.kind === 'Role' ? 'roles' : 'rolebindings';
      const res = await (how === 'create' ? create : apply)(
        token,
        plural,
        object,
      );
      expect(res.status).toBe(status);
      // A refusal says why; a success returns the object written.
      expect(res.json).toMatchObject(
        message === undefined
          ? { metadata: { name: object.metadata?.name } }
          : { message: textMatching(message) },
      );
    },
  );

  it('checks updates too: a PUT of a Role, an apply that adds a subject; not an unchanged apply', async () => {
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
    const b = toClusterRole('dana-pods', 'pod-reader');
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
});

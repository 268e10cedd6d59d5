import { RunningApiServer } from '../startApiServer';
import { raw, startTestServer } from './harness';
import {
  RBAC,
  WRITES,
  binding,
  podRule,
  role,
  toClusterRole,
} from './rbacEscalationWrites';

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

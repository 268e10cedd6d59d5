import {
  AdmissionregistrationV1Api,
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
} from '@kubernetes/client-node';
import type { RunningApiServer } from '../startApiServer';
import {
  Clients,
  clientsFor,
  expectStatus,
  raw,
  startTestServer,
} from './harness';

const configMapRules = (operations: string[] = ['CREATE', 'UPDATE']) => [
  {
    apiGroups: [''],
    apiVersions: ['v1'],
    resources: ['configmaps'],
    operations,
  },
];

describe('ValidatingAdmissionPolicy enforcement', () => {
  let server: RunningApiServer;
  let admin: Clients;
  let alice: Clients;
  let vap: AdmissionregistrationV1Api;
  beforeAll(async () => {
    ({ server, ...admin } = await startTestServer({
      tokens: { 'alice-token': 'alice' },
    }));
    alice = clientsFor(server, 'alice');
    vap = admin.kc.makeApiClient(AdmissionregistrationV1Api);
    for (const [name, labels] of [
      ['prod', { env: 'prod' }],
      ['dev', { env: 'dev' }],
    ] as const)
      await admin.core.createNamespace({
        body: { metadata: { name, labels } },
      });
  });
  afterAll(() => server.close());

  /** Creates a policy and (unless `binding` is false) a binding to it; both are removed after the test. */
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  async function policy(
    name: string,
    spec: Partial<V1ValidatingAdmissionPolicy['spec']>,
    binding: Partial<V1ValidatingAdmissionPolicyBinding['spec']> | false = {},
  ) {
    await vap.createValidatingAdmissionPolicy({
      body: {
        metadata: { name },
        spec: {
          matchConstraints: { resourceRules: configMapRules() },
          ...spec,
        },
      },
    });
    cleanups.push(() => vap.deleteValidatingAdmissionPolicy({ name }));
    if (binding === false) return;
    await vap.createValidatingAdmissionPolicyBinding({
      body: {
        metadata: { name: `${name}-binding` },
        spec: { policyName: name, validationActions: ['Deny'], ...binding },
      },
    });
    cleanups.push(() =>
      vap.deleteValidatingAdmissionPolicyBinding({ name: `${name}-binding` }),
    );
  }
  const configMap = (
    name: string,
    data: Record<string, string> = {},
    labels: Record<string, string> = {},
  ) => ({ metadata: { name, labels }, data });
  const createCm = (
    who: Clients,
    namespace: string,
    name: string,
    data?: Record<string, string>,
    labels?: Record<string, string>,
  ) =>
    who.core.createNamespacedConfigMap({
      namespace,
      body: configMap(name, data, labels),
    });

  it('is served as a cluster-scoped kind and refuses policies whose CEL does not parse', async () => {
    const list = await raw(server, '/apis/admissionregistration.k8s.io/v1');
    const kinds = list.json.resources.map((r: any) => [r.name, r.namespaced]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['validatingadmissionpolicies', false],
        ['validatingadmissionpolicybindings', false],
      ]),
    );
    const status = await expectStatus(
      vap.createValidatingAdmissionPolicy({
        body: {
          metadata: { name: 'broken' },
          spec: {
            matchConstraints: { resourceRules: configMapRules() },
            validations: [{ expression: 'object.data.x ==' }],
          },
        },
      }),
      422,
    );
    expect(status.reason).toBe('Invalid');
    expect(status.message).toContain(
      'spec.validations[0].expression: Invalid value: "object.data.x ==": compilation failed:',
    );
  });

  it('validates bindings: actions are required, and Deny with Warn is refused', async () => {
    const bind = (validationActions: string[]) =>
      vap.createValidatingAdmissionPolicyBinding({
        body: {
          metadata: { name: 'b' },
          spec: { policyName: 'p', validationActions },
        },
      });
    expect((await expectStatus(bind([]), 422)).message).toBe(
      'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io "b" is invalid: spec.validationActions: Required value: at least one validation action is required',
    );
    expect((await expectStatus(bind(['Deny', 'Warn']), 422)).message).toContain(
      'spec.validationActions: Invalid value: []admissionregistration.ValidationAction{"Deny", "Warn"}: must not contain both Deny and Warn',
    );
  });

  it('denies a matching create with 422 Invalid and the API server message', async () => {
    await policy('no-latest', {
      validations: [
        {
          expression:
            "!has(object.data) || !('tag' in object.data) || object.data.tag != 'latest'",
          message: 'tag must not be latest',
        },
      ],
    });
    const status = await expectStatus(
      createCm(alice, 'dev', 'app', { tag: 'latest' }),
      422,
    );
    const message =
      "configmaps \"app\" is forbidden: ValidatingAdmissionPolicy 'no-latest' with binding 'no-latest-binding' denied request: tag must not be latest";
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Invalid',
      details: {
        name: 'app',
        kind: 'configmaps',
        causes: [{ message: message.replace(/^.*?is forbidden: /, '') }],
      },
      code: 422,
    });
    await expect(
      admin.core.readNamespacedConfigMap({ namespace: 'dev', name: 'app' }),
    ).rejects.toMatchObject({ code: 404 });
    await createCm(alice, 'dev', 'app', { tag: '1.2' });
  });

  it('maps reason to the status code and falls back to the expression as the message', async () => {
    await policy('reasons', {
      validations: [
        {
          expression: "object.metadata.name != 'forbidden'",
          reason: 'Forbidden',
        },
        {
          expression: "object.metadata.name != 'huge'",
          reason: 'RequestEntityTooLarge',
        },
        {
          expression: "object.metadata.name != 'unauthorized'",
          reason: 'Unauthorized',
        },
      ],
    });
    const forbidden = await expectStatus(
      createCm(admin, 'dev', 'forbidden'),
      403,
    );
    expect(forbidden.reason).toBe('Forbidden');
    expect(forbidden.message).toMatch(
      /denied request: failed expression: object.metadata.name != 'forbidden'$/,
    );
    expect(
      (await expectStatus(createCm(admin, 'dev', 'huge'), 413)).reason,
    ).toBe('RequestEntityTooLarge');
    // client-node does not hand over the body of a 401; read it raw.
    const res = await raw(server, '/api/v1/namespaces/dev/configmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(configMap('unauthorized')),
    });
    expect([res.status, res.json.reason, res.json.code]).toEqual([
      401,
      'Unauthorized',
      401,
    ]);
  });

  it('does nothing for a policy without a binding, or a binding without its policy', async () => {
    await policy('unbound', { validations: [{ expression: 'false' }] }, false);
    await vap.createValidatingAdmissionPolicyBinding({
      body: {
        metadata: { name: 'orphan-binding' },
        spec: { policyName: 'missing', validationActions: ['Deny'] },
      },
    });
    cleanups.push(() =>
      vap.deleteValidatingAdmissionPolicyBinding({ name: 'orphan-binding' }),
    );
    const created = await createCm(admin, 'dev', 'unbound-ok');
    expect(created.metadata?.uid).toBeTruthy();
  });

  it('gives updates the old object and deletes only the old object', async () => {
    await policy('stable-tier', {
      matchConstraints: {
        resourceRules: configMapRules(['UPDATE', 'DELETE']),
      },
      validations: [
        {
          expression:
            "request.operation == 'DELETE' || object.data.tier == oldObject.data.tier",
          messageExpression:
            "'tier is immutable (was ' + oldObject.data.tier + ')'",
        },
        {
          expression:
            "request.operation != 'DELETE' || object == null && oldObject.metadata.labels['locked'] != 'true'",
          message: 'locked',
        },
      ],
    });
    await createCm(
      admin,
      'dev',
      'tiered',
      { tier: 'gold' },
      { locked: 'true' },
    );
    const update = await expectStatus(
      admin.core.replaceNamespacedConfigMap({
        namespace: 'dev',
        name: 'tiered',
        body: configMap('tiered', { tier: 'silver' }),
      }),
      422,
    );
    expect(update.message).toMatch(
      /denied request: tier is immutable \(was gold\)$/,
    );
    await admin.core.patchNamespacedConfigMap({
      namespace: 'dev',
      name: 'tiered',
      body: [{ op: 'add', path: '/data/other', value: 'x' }],
    });
    const del = await expectStatus(
      admin.core.deleteNamespacedConfigMap({
        namespace: 'dev',
        name: 'tiered',
      }),
      422,
    );
    expect(del.message).toMatch(/denied request: locked$/);
  });

  it('matches by namespaceSelector, objectSelector, excludeResourceRules and operations', async () => {
    await policy('prod-only', {
      matchConstraints: {
        resourceRules: configMapRules(['CREATE']),
        excludeResourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['*'],
            resources: ['configmaps'],
            operations: ['*'],
            resourceNames: ['exempt'],
          },
        ],
        namespaceSelector: { matchLabels: { env: 'prod' } },
        objectSelector: {
          matchExpressions: [{ key: 'skip', operator: 'DoesNotExist' }],
        },
      },
      validations: [{ expression: 'false', message: 'no' }],
    });
    await expectStatus(createCm(admin, 'prod', 'a'), 422);
    await createCm(admin, 'dev', 'a'); // namespace not selected
    await createCm(admin, 'prod', 'b', {}, { skip: 'yes' }); // object not selected
    await createCm(admin, 'prod', 'exempt'); // excluded by name
    // Only CREATE matches: the update of an existing object passes.
    await admin.core.patchNamespacedConfigMap({
      namespace: 'prod',
      name: 'exempt',
      body: [{ op: 'add', path: '/data', value: { k: 'v' } }],
    });
    const prod = await admin.core.listNamespacedConfigMap({
      namespace: 'prod',
    });
    expect(prod.items.map(c => c.metadata?.name).sort()).toEqual([
      'b',
      'exempt',
    ]);
  });

  it('narrows by the binding’s matchResources and gates on matchConditions', async () => {
    await policy(
      'alice-only',
      {
        matchConditions: [
          {
            name: 'is-alice',
            expression: "request.userInfo.username == 'alice'",
          },
        ],
        variables: [
          { name: 'owner', expression: "'alice-' + request.namespace" },
        ],
        validations: [
          {
            expression: 'object.metadata.name.startsWith(variables.owner)',
            messageExpression: "'name must start with ' + variables.owner",
          },
        ],
      },
      {
        matchResources: { namespaceSelector: { matchLabels: { env: 'dev' } } },
      },
    );
    const denied = await expectStatus(createCm(alice, 'dev', 'x'), 422);
    expect(denied.message).toMatch(
      /denied request: name must start with alice-dev$/,
    );
    await createCm(alice, 'dev', 'alice-dev-1');
    await createCm(admin, 'dev', 'x'); // matchConditions false for the admin
  });

  it('applies failurePolicy to evaluation errors: Fail denies, Ignore admits', async () => {
    const spec = (failurePolicy: string) => ({
      failurePolicy,
      validations: [{ expression: "object.data.missing == 'x'" }],
    });
    await policy('fails', spec('Fail'));
    const status = await expectStatus(
      createCm(admin, 'dev', 'err', { a: 'b' }),
      422,
    );
    expect(status.message).toBe(
      `configmaps "err" is forbidden: ValidatingAdmissionPolicy 'fails' with binding 'fails-binding' denied request: expression 'object.data.missing == 'x'' resulted in error: no such key: missing`,
    );
    while (cleanups.length) await cleanups.pop()!();
    await policy('ignores', spec('Ignore'));
    await createCm(admin, 'dev', 'err', { a: 'b' });
  });

  it('sends a Warning header and admits for the Warn action', async () => {
    await policy(
      'warns',
      {
        validations: [
          {
            expression: "'owner' in object.metadata.labels",
            message: 'set an owner label',
          },
        ],
      },
      { validationActions: ['Warn'] },
    );
    const res = await raw(server, '/api/v1/namespaces/dev/configmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(configMap('warned', {}, { a: 'b' })),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBe(
      `299 - "Validation failed for ValidatingAdmissionPolicy 'warns' with binding 'warns-binding': set an owner label"`,
    );
  });

  it('evaluates once per parameter object a binding selects, and denies when none is found if asked to', async () => {
    await admin.core.createNamespacedConfigMap({
      namespace: 'dev',
      body: { metadata: { name: 'limits' }, data: { maxKeys: '1' } },
    });
    await policy(
      'max-keys',
      {
        paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
        matchConstraints: {
          resourceRules: configMapRules(),
          objectSelector: { matchLabels: { limited: 'yes' } },
        },
        validations: [
          {
            expression: 'size(object.data) <= int(params.data.maxKeys)',
            messageExpression: "'at most ' + params.data.maxKeys + ' keys'",
          },
        ],
      },
      { paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } },
    );
    const limited = { limited: 'yes' };
    await createCm(admin, 'dev', 'one', { a: '1' }, limited);
    const two = await expectStatus(
      createCm(admin, 'dev', 'two', { a: '1', b: '2' }, limited),
      422,
    );
    expect(two.message).toMatch(/denied request: at most 1 keys$/);
    // In prod there is no "limits" ConfigMap: parameterNotFoundAction Deny refuses.
    const none = await expectStatus(
      createCm(admin, 'prod', 'one', { a: '1' }, limited),
      422,
    );
    expect(none.message).toMatch(
      /denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction$/,
    );
  });

  it('denies dry runs too, and never applies to the admission configuration kinds', async () => {
    await policy('deny-all', {
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: ['*'],
            apiVersions: ['*'],
            resources: ['*'],
            operations: ['*'],
          },
        ],
      },
      validations: [{ expression: 'false', message: 'frozen' }],
    });
    const dry = await expectStatus(
      admin.core.createNamespacedConfigMap({
        namespace: 'dev',
        body: configMap('dry'),
        dryRun: 'All',
      }),
      422,
    );
    expect(dry.message).toMatch(/denied request: frozen$/);
    // The policy and its binding can still be changed and removed (cleanup does it).
    await vap.patchValidatingAdmissionPolicy({
      name: 'deny-all',
      body: [
        { op: 'add', path: '/metadata/labels', value: { touched: 'yes' } },
      ],
    });
    const touched = await vap.readValidatingAdmissionPolicy({
      name: 'deny-all',
    });
    expect(touched.metadata?.labels).toEqual({ touched: 'yes' });
  });
});

import { expectStatus } from './harness';
import {
  configMap,
  configMapRules,
  useVapFixture,
} from './validatingAdmissionPolicyFixture';

describe('ValidatingAdmissionPolicy matching: selectors, conditions, old objects, parameters', () => {
  const f = useVapFixture();
  const { policy, createCm } = f;

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
      f.admin,
      'dev',
      'tiered',
      { tier: 'gold' },
      { locked: 'true' },
    );
    const update = await expectStatus(
      f.admin.core.replaceNamespacedConfigMap({
        namespace: 'dev',
        name: 'tiered',
        body: configMap('tiered', { tier: 'silver' }),
      }),
      422,
    );
    expect(update.message).toMatch(
      /denied request: tier is immutable \(was gold\)$/,
    );
    await f.admin.core.patchNamespacedConfigMap({
      namespace: 'dev',
      name: 'tiered',
      body: [{ op: 'add', path: '/data/other', value: 'x' }],
    });
    const del = await expectStatus(
      f.admin.core.deleteNamespacedConfigMap({
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
    await expectStatus(createCm(f.admin, 'prod', 'a'), 422);
    await createCm(f.admin, 'dev', 'a'); // namespace not selected
    await createCm(f.admin, 'prod', 'b', {}, { skip: 'yes' }); // object not selected
    await createCm(f.admin, 'prod', 'exempt'); // excluded by name
    // Only CREATE matches: the update of an existing object passes.
    await f.admin.core.patchNamespacedConfigMap({
      namespace: 'prod',
      name: 'exempt',
      body: [{ op: 'add', path: '/data', value: { k: 'v' } }],
    });
    const prod = await f.admin.core.listNamespacedConfigMap({
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
    const denied = await expectStatus(createCm(f.alice, 'dev', 'x'), 422);
    expect(denied.message).toMatch(
      /denied request: name must start with alice-dev$/,
    );
    await createCm(f.alice, 'dev', 'alice-dev-1');
    await createCm(f.admin, 'dev', 'x'); // matchConditions false for the admin
  });

  it('evaluates once per parameter object a binding selects, and denies when none is found if asked to', async () => {
    await f.admin.core.createNamespacedConfigMap({
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
    await createCm(f.admin, 'dev', 'one', { a: '1' }, limited);
    const two = await expectStatus(
      createCm(f.admin, 'dev', 'two', { a: '1', b: '2' }, limited),
      422,
    );
    expect(two.message).toMatch(/denied request: at most 1 keys$/);
    // In prod there is no "limits" ConfigMap: parameterNotFoundAction Deny refuses.
    const none = await expectStatus(
      createCm(f.admin, 'prod', 'one', { a: '1' }, limited),
      422,
    );
    expect(none.message).toMatch(
      /denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction$/,
    );
  });
});

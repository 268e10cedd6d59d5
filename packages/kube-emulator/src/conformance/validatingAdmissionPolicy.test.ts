import { expectStatus, raw } from './harness';
import {
  configMap,
  configMapRules,
  useVapFixture,
} from './validatingAdmissionPolicyFixture';

describe('ValidatingAdmissionPolicy objects and bindings', () => {
  const f = useVapFixture();
  const { policy, createCm, onCleanup } = f;

  it('is served as a cluster-scoped kind and refuses policies whose CEL does not parse', async () => {
    const list = await raw(f.server, '/apis/admissionregistration.k8s.io/v1');
    const kinds = list.json.resources.map((r: any) => [r.name, r.namespaced]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['validatingadmissionpolicies', false],
        ['validatingadmissionpolicybindings', false],
      ]),
    );
    const status = await expectStatus(
      f.vap.createValidatingAdmissionPolicy({
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
      f.vap.createValidatingAdmissionPolicyBinding({
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

  it('does nothing for a policy without a binding, or a binding without its policy', async () => {
    await policy('unbound', { validations: [{ expression: 'false' }] }, false);
    await f.vap.createValidatingAdmissionPolicyBinding({
      body: {
        metadata: { name: 'orphan-binding' },
        spec: { policyName: 'missing', validationActions: ['Deny'] },
      },
    });
    onCleanup(() =>
      f.vap.deleteValidatingAdmissionPolicyBinding({ name: 'orphan-binding' }),
    );
    const created = await createCm(f.admin, 'dev', 'unbound-ok');
    expect(created.metadata?.uid).toBeTruthy();
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
      f.admin.core.createNamespacedConfigMap({
        namespace: 'dev',
        body: configMap('dry'),
        dryRun: 'All',
      }),
      422,
    );
    expect(dry.message).toMatch(/denied request: frozen$/);
    // The policy and its binding can still be changed and removed (cleanup does it).
    await f.vap.patchValidatingAdmissionPolicy({
      name: 'deny-all',
      body: [
        { op: 'add', path: '/metadata/labels', value: { touched: 'yes' } },
      ],
    });
    const touched = await f.vap.readValidatingAdmissionPolicy({
      name: 'deny-all',
    });
    expect(touched.metadata?.labels).toEqual({ touched: 'yes' });
  });
});

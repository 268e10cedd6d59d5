import { evaluate } from '../engine/evaluate';
import { NOW } from '../__fixtures__/builders';
import { controlCases } from './__fixtures__/controlCases';
import { deploymentOf, podSecurityCheckCases } from './__fixtures__/checkCases';
import { pod } from './__fixtures__/pods';
import { podSecurityChecks } from './checks';
import { POD_SECURITY_CONTROLS } from './controls';
import { KubernetesObject } from '../kube/types';

const run = (objects: KubernetesObject[], profile = 'default') =>
  evaluate(objects, { now: NOW, profile, checks: podSecurityChecks });

const failed = (objects: KubernetesObject[], profile = 'default') =>
  run(objects, profile).findings.filter(f => f.status === 'failed');

describe('Pod Security readiness checks', () => {
  it('has one check per control, named after it, in the security category', () => {
    expect(podSecurityChecks.map(c => c.definition.id)).toEqual(
      POD_SECURITY_CONTROLS.map(c => c.checkId),
    );
    const titles = podSecurityChecks.map(c => c.definition.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toContain('Pod Security restricted: Running as Non-root');
    expect(titles).toContain('Pod Security baseline: Capabilities');
    expect(titles).toContain('Pod Security restricted: Capabilities');
    for (const { definition } of podSecurityChecks) {
      expect(definition.id).toMatch(/^pss-[a-z0-9-]+$/);
      expect(definition.category).toBe('security');
    }
  });

  const byExpectation = (expectation: 'passed' | 'failed') =>
    podSecurityCheckCases
      .filter(c => c.expect === expectation)
      .map(c => [`${c.checkId}: ${c.name}`, c] as const);

  it.each(byExpectation('passed'))('passes %s', (_, c) => {
    const findings = run(c.objects).findings.filter(
      f => f.checkId === c.checkId,
    );
    expect(findings.map(f => f.status)).toEqual(['passed']);
  });

  it.each(byExpectation('failed'))('fails %s', (_, c) => {
    const findings = run(c.objects).findings.filter(
      f => f.checkId === c.checkId,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        status: 'failed',
        message: expect.stringMatching(c.message!),
        fieldPaths: c.fieldPaths,
      }),
    ]);
  });

  it('makes baseline refusals danger and restricted-only ones warnings by default', () => {
    const [, hostNetwork, refusal] = controlCases.hostNamespaces.fail[0];
    const [, noNonRoot] = controlCases.runAsNonRoot.fail[0];
    const findings = failed([
      deploymentOf(hostNetwork, 'agent'),
      deploymentOf(noNonRoot, 'web'),
    ]);
    expect(
      findings.map(f => [f.checkId, f.severity, f.resource.name, f.message]),
    ).toEqual(
      expect.arrayContaining([
        ['pss-host-namespaces', 'danger', 'agent', refusal.message],
        [
          'pss-run-as-non-root',
          'warning',
          'web',
          'pod or container "app" must set securityContext.runAsNonRoot=true',
        ],
      ]),
    );
    expect(findings).toHaveLength(2);
  });

  it('makes every restricted refusal danger in the production profile', () => {
    const [, noNonRoot] = controlCases.runAsNonRoot.fail[0];
    const [, caps] = controlCases.capabilities_restricted.fail[0];
    const findings = failed(
      [deploymentOf(noNonRoot, 'web'), deploymentOf(caps, 'api')],
      'production',
    );
    expect(findings.map(f => [f.checkId, f.severity])).toEqual(
      expect.arrayContaining([
        ['pss-run-as-non-root', 'danger'],
        ['pss-capabilities-restricted', 'danger'],
      ]),
    );
    expect(findings.every(f => f.severity === 'danger')).toBe(true);
  });

  it('passes a restricted-compliant workload on every control', () => {
    const findings = run([deploymentOf(pod())], 'production').findings;
    expect(findings).toHaveLength(POD_SECURITY_CONTROLS.length);
    expect(findings.every(f => f.status === 'passed')).toBe(true);
  });

  it('judges a CronJob once, through its job template, not the pods it owns', () => {
    const [, privileged] = controlCases.privileged.fail[0];
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'ops' },
      spec: {
        schedule: '@daily',
        jobTemplate: { spec: { template: { spec: privileged.spec } } },
      },
    };
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'nightly-1',
        namespace: 'ops',
        ownerReferences: [{ kind: 'CronJob', name: 'nightly' }],
      },
      spec: { template: { spec: privileged.spec } },
    };
    const findings = failed([cronJob, job]).filter(
      f => f.checkId === 'pss-privileged',
    );
    expect(findings.map(f => [f.resource.kind, f.fieldPaths])).toEqual([
      ['CronJob', ['spec.jobTemplate.spec.template.spec']],
    ]);
  });
});

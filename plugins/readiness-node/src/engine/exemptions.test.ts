import { Exemption } from '@hatchway/plugin-readiness-common';
import {
  AnyObject,
  compliantSet,
  deployment,
  NOW,
} from '../__fixtures__/builders';
import { evaluate } from './evaluate';
import { EvaluateOptions } from './types';

/** The compliant namespace with one Deployment that runs privileged and with hostNetwork. */
function objects(mutate?: (d: AnyObject) => void): AnyObject[] {
  const set = compliantSet();
  const web = set.find(o => o.kind === 'Deployment')!;
  web.spec.template.spec.containers[0].securityContext.privileged = true;
  web.spec.template.spec.hostNetwork = true;
  mutate?.(web);
  return set;
}

const exemption = (overrides: Partial<Exemption> = {}): Exemption => ({
  id: 'ex-1',
  checkIds: ['not-privileged'],
  match: { namespace: 'team-a', kind: 'Deployment', namePrefix: 'we' },
  reason: 'The VPN sidecar needs it until the CNI plugin lands',
  owner: 'group:default/team-a',
  expiresAt: '2025-07-01T00:00:00Z',
  createdBy: 'user:default/jane',
  createdAt: '2025-05-01T00:00:00Z',
  ...overrides,
});

const run = (options: EvaluateOptions, set = objects()) =>
  evaluate(set, { now: NOW, ...options });
const statusOf = (result: ReturnType<typeof run>, checkId: string) =>
  result.findings.find(f => f.checkId === checkId)!.status;

describe('exemptions', () => {
  it('exempts matching failures, leaves them out of the score, and raises the score', () => {
    const before = run({});
    const after = run({ exemptions: [exemption()] });
    const finding = after.findings.find(f => f.checkId === 'not-privileged')!;
    expect(finding.status).toBe('exempted');
    expect(finding.exemption).toEqual({
      source: 'config',
      id: 'ex-1',
      reason: 'The VPN sidecar needs it until the CNI plugin lands',
      owner: 'group:default/team-a',
      expiresAt: '2025-07-01T00:00:00Z',
    });
    expect(statusOf(after, 'no-host-network')).toBe('failed');
    expect(after.score.total.failed).toBe(before.score.total.failed - 1);
    expect(after.score.total.exempted).toBe(1);
    expect(after.score.total.passed).toBe(before.score.total.passed);
    expect(after.score.score).toBeGreaterThan(before.score.score);
  });

  it('stops applying once expired, restoring the failure and the score', () => {
    const before = run({});
    const expired = run({
      exemptions: [exemption()],
      now: new Date('2025-07-01T00:00:00Z'),
    });
    expect(statusOf(expired, 'not-privileged')).toBe('failed');
    expect(expired.score).toEqual(before.score);
  });

  it('covers every check with *', () => {
    const result = run({ exemptions: [exemption({ checkIds: ['*'] })] });
    expect(
      result.findings.filter(
        f => f.resource.kind === 'Deployment' && f.status === 'failed',
      ),
    ).toEqual([]);
    expect(result.score.score).toBe(100);
  });

  it.each([
    ['namespace', { namespace: 'team-b' }],
    ['kind', { kind: 'StatefulSet' }],
    ['name prefix', { namePrefix: 'api' }],
    ['labels', { labels: { app: 'api' } }],
    ['cluster', { cluster: 'prod' }],
  ])('does not apply when the %s does not match', (_, match) => {
    expect(
      statusOf(
        run({ exemptions: [exemption({ match })], cluster: 'dev' }),
        'not-privileged',
      ),
    ).toBe('failed');
  });

  it('matches by labels and cluster', () => {
    const result = run({
      exemptions: [
        exemption({ match: { labels: { app: 'web' }, cluster: 'dev' } }),
      ],
      cluster: 'dev',
    });
    expect(statusOf(result, 'not-privileged')).toBe('exempted');
  });

  it('exempts namespace findings by the namespace name', () => {
    const set = [deployment()];
    const result = run(
      {
        exemptions: [
          exemption({
            checkIds: ['metadata-egress-blocked'],
            match: { namespace: 'team-a' },
          }),
        ],
      },
      set,
    );
    expect(statusOf(result, 'metadata-egress-blocked')).toBe('exempted');
  });

  describe('annotations', () => {
    const annotated = () =>
      objects(d => {
        d.metadata.annotations = {
          'hatchway.dev/readiness-exempt': 'not-privileged, no-host-network',
          'hatchway.dev/readiness-exempt-reason': 'Node agent',
        };
      });

    it('honours hatchway.dev/readiness-exempt with its reason', () => {
      const result = run({}, annotated());
      const finding = result.findings.find(
        f => f.checkId === 'no-host-network',
      )!;
      expect(finding.status).toBe('exempted');
      expect(finding.exemption).toEqual({
        source: 'annotation',
        reason: 'Node agent',
      });
      expect(statusOf(result, 'not-privileged')).toBe('exempted');
    });

    it('ignores them when config disallows annotation exemptions', () => {
      const result = run({ allowAnnotationExemptions: false }, annotated());
      expect(statusOf(result, 'no-host-network')).toBe('failed');
      expect(statusOf(result, 'not-privileged')).toBe('failed');
    });

    it('never turns a pass into an exemption', () => {
      const set = compliantSet();
      set.find(o => o.kind === 'Deployment')!.metadata.annotations = {
        'hatchway.dev/readiness-exempt': '*',
      };
      const result = run({}, set);
      expect(result.score.total.exempted).toBe(0);
      expect(result.score.score).toBe(100);
    });
  });

  it('can name a single policy of a policy report', () => {
    const report = {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'polr', namespace: 'team-a' },
      results: ['require-labels', 'disallow-latest-tag'].map(policy => ({
        policy,
        rule: 'check',
        result: 'fail',
        resources: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            namespace: 'team-a',
          },
        ],
      })),
    };
    const result = run(
      {
        exemptions: [
          exemption({ checkIds: ['policy-report:require-labels'], match: {} }),
        ],
      },
      [report],
    );
    expect(
      result.findings.map(f => [f.policyReport?.policy, f.status]),
    ).toEqual([
      ['require-labels', 'exempted'],
      ['disallow-latest-tag', 'failed'],
    ]);
  });
});

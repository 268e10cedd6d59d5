import {
  AnyObject,
  compliantSet,
  deployment,
  NOW,
  pdb,
  workload,
} from '../__fixtures__/builders';
import { builtInChecks } from '../checks';
import { evaluate } from './evaluate';
import { CheckOutcome, ReadinessCheck } from './types';

const failedIds = (objects: AnyObject[], options = {}) =>
  evaluate(objects, { now: NOW, ...options })
    .findings.filter(f => f.status === 'failed')
    .map(f => f.checkId);

describe('evaluate', () => {
  it('scores a hardened namespace 100 and gold, in the production profile too', () => {
    for (const profile of ['default', 'production']) {
      const result = evaluate(compliantSet(), { now: NOW, profile });
      expect(result.findings.filter(f => f.status !== 'passed')).toEqual([]);
      expect(result.score.score).toBe(100);
      expect(result.score.level).toBe('gold');
      expect(result.profile).toBe(profile);
    }
  });

  it('scores 100 when nothing applies', () => {
    const result = evaluate(
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }],
      { now: NOW },
    );
    expect(result.findings).toEqual([]);
    expect(result.score.score).toBe(100);
  });

  it.each([
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
  ])('checks the pod template of a %s', kind => {
    const object = workload(kind, o => {
      const templates: Record<string, AnyObject> = {
        Pod: o.spec,
        CronJob: o.spec.jobTemplate?.spec.template.spec,
      };
      const spec = templates[kind] ?? o.spec.template.spec;
      spec.containers[0].securityContext.privileged = true;
    });
    const finding = evaluate([object], { now: NOW }).findings.find(
      f => f.checkId === 'not-privileged' && f.status === 'failed',
    );
    expect(finding?.resource).toEqual({
      apiVersion: object.apiVersion,
      kind,
      name: 'web',
      namespace: 'team-a',
    });
  });

  it('checks a ReplicaSet or Pod through its owner, not twice', () => {
    const owned = (o: AnyObject, kind: string) => {
      o.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind, name: 'web', controller: true },
      ];
      const spec = o.spec.template ? o.spec.template.spec : o.spec;
      delete spec.containers[0].securityContext.runAsNonRoot;
    };
    const replicaSet = workload(
      'ReplicaSet',
      o => owned(o, 'Deployment'),
      'web-5d9c',
    );
    const pod = workload('Pod', o => owned(o, 'ReplicaSet'), 'web-5d9c-x2x');
    const findings = evaluate([deployment(), replicaSet, pod], {
      now: NOW,
    }).findings;
    expect(
      new Set(
        findings
          .filter(f => f.checkId === 'run-as-non-root')
          .map(f => f.resource.name),
      ),
    ).toEqual(new Set(['web']));
  });

  it('judges init containers for security but not for probes or resources', () => {
    const object = deployment(
      d =>
        (d.spec.template.spec.initContainers = [
          { name: 'migrate', image: 'app:1.0' },
        ]),
    );
    const failed = evaluate([object], { now: NOW }).findings.filter(
      f => f.status === 'failed' && f.container === 'migrate',
    );
    const ids = failed.map(f => f.checkId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'run-as-non-root',
        'no-privilege-escalation',
        'read-only-root-filesystem',
      ]),
    );
    expect(ids).not.toContain('liveness-probe');
    expect(ids).not.toContain('cpu-limits');
  });

  it('flattens kind: List', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [deployment(d => (d.spec.template.spec.hostNetwork = true))],
    };
    expect(failedIds([list])).toContain('no-host-network');
  });

  it('puts objects without a namespace in the default namespace', () => {
    const object = deployment();
    delete object.metadata.namespace;
    const result = evaluate([object], { now: NOW, defaultNamespace: 'apps' });
    expect(result.findings[0].resource.namespace).toBe('apps');
  });

  it('names the cluster on every resource', () => {
    const result = evaluate(compliantSet(), { now: NOW, cluster: 'prod-eu' });
    expect(result.findings.every(f => f.resource.cluster === 'prod-eu')).toBe(
      true,
    );
  });

  describe('profiles and overrides', () => {
    const single = [
      deployment(d => {
        d.spec.replicas = 1;
        delete d.spec.template.spec.topologySpreadConstraints;
        d.spec.template.spec.containers[0].image = 'nginx:1.27';
      }),
      pdb(),
    ];

    it('leaves digest pinning off but judges replicas and spread as warnings in the default profile', () => {
      const result = evaluate(single, { now: NOW });
      expect(result.findings.some(f => f.checkId === 'image-digest')).toBe(
        false,
      );
      expect(result.checks.find(c => c.id === 'image-digest')).toMatchObject({
        enabled: false,
      });
      const failed = result.findings.filter(f => f.status === 'failed');
      for (const id of ['min-replicas', 'anti-affinity-or-spread']) {
        expect(result.checks.find(c => c.id === id)).toMatchObject({
          enabled: true,
          severity: 'warning',
        });
        expect(failed.find(f => f.checkId === id)?.severity).toBe('warning');
      }
    });

    it('makes them danger in the production profile', () => {
      const result = evaluate(single, { now: NOW, profile: 'production' });
      const failed = result.findings.filter(f => f.status === 'failed');
      for (const id of [
        'image-digest',
        'min-replicas',
        'anti-affinity-or-spread',
      ]) {
        expect(failed.find(f => f.checkId === id)?.severity).toBe('danger');
      }
      expect(result.score.level).toBe('none');
    });

    it('lets config change a severity or switch a check off', () => {
      const objects = [
        deployment(
          d => (d.spec.template.spec.containers[0].image = 'nginx:latest'),
        ),
      ];
      const result = evaluate(objects, {
        now: NOW,
        overrides: {
          checks: {
            'image-tag': { severity: 'warning' },
            'liveness-probe': { enabled: false },
          },
        },
      });
      expect(
        result.findings.find(f => f.checkId === 'image-tag')?.severity,
      ).toBe('warning');
      expect(result.findings.some(f => f.checkId === 'liveness-probe')).toBe(
        false,
      );
      expect(result.checks.find(c => c.id === 'liveness-probe')?.enabled).toBe(
        false,
      );
    });

    it('lets config switch off what a profile switched on', () => {
      const result = evaluate(single, {
        now: NOW,
        profile: 'production',
        overrides: { checks: { 'image-digest': { enabled: false } } },
      });
      expect(result.findings.some(f => f.checkId === 'image-digest')).toBe(
        false,
      );
    });

    it('warns about overrides for unknown checks and rejects unknown profiles', () => {
      expect(
        evaluate([], {
          overrides: { checks: { 'no-such-check': { enabled: false } } },
        }).warnings,
      ).toEqual(['Override for unknown check "no-such-check" ignored']);
      expect(() => evaluate([], { profile: 'staging' })).toThrow(
        'Unknown profile "staging" (known profiles: default, production)',
      );
    });
  });

  it('keeps going when one check throws, and says which', () => {
    const broken: ReadinessCheck = {
      definition: {
        id: 'broken',
        title: 'Broken',
        severity: 'danger',
        category: 'security',
        remediation: 'n/a',
        docsUrl: 'x',
      },
      run() {
        throw new Error('boom');
      },
    };
    const result = evaluate([deployment()], {
      now: NOW,
      checks: [broken, ...builtInChecks],
    });
    expect(result.warnings).toEqual(['Check "broken" failed to run: boom']);
    expect(result.findings.length).toBeGreaterThan(10);
  });

  it('copes with malformed objects without throwing', () => {
    const junk: AnyObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { template: { spec: { containers: 'oops' } } },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np' },
        spec: { egress: [{ to: [{ ipBlock: { cidr: 5 } }] }] },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'r' },
        rules: [null, { verbs: '*' }],
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        status: { containerStatuses: [null] },
      },
    ];
    const result = evaluate(junk, { now: NOW });
    expect(result.warnings).toEqual([]);
  });

  it('keeps its findings in a table, and makes the findings array on first read, once', () => {
    const result = evaluate([deployment(), pdb()], { now: NOW });
    const table = result.findingTable;
    expect(table.length).toBeGreaterThan(10);
    const findings = result.findings;
    expect(findings).toEqual(table.toArray());
    expect(Array.from(table)).toEqual(findings);
    expect(result.findings).toBe(findings);
    result.findings = findings.slice(0, 1);
    expect(result.findings).toHaveLength(1);
    expect(result.findingTable).toBe(table);
  });

  it('lists its findings once in JSON, in their place, without the table', () => {
    const result = evaluate([deployment()], { now: NOW });
    const json = JSON.parse(JSON.stringify(result));
    expect(Object.keys(json)).toEqual([
      'profile',
      'evaluatedAt',
      'checks',
      'findings',
      'score',
      'warnings',
    ]);
    expect(json.findings).toEqual(result.findingTable.toArray());
    expect(
      json.findings.some((f: { status: string }) => f.status === 'failed'),
    ).toBe(true);
  });

  /** A check from outside the engine (a scanner's import): a warning in security by default. */
  const scannerCheck = (outcomes: CheckOutcome[]): ReadinessCheck => ({
    definition: {
      id: 'scanner',
      title: 'Scanner',
      severity: 'warning',
      category: 'security',
      remediation: 'n/a',
      docsUrl: 'x',
    },
    run: () => outcomes,
  });
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', name });

  it('keeps an outcome with a severity of its own as it is, and scores it at that severity', () => {
    const scanner = scannerCheck([
      {
        resource: pod('a'),
        status: 'failed',
        message: 'from a scanner',
        severity: 'danger',
      },
      {
        resource: pod('b'),
        status: 'failed',
        message: 'from a scanner',
        fieldPaths: ['spec'],
      },
    ]);
    const result = evaluate([], { now: NOW, checks: [scanner] });
    expect(result.findings.map(f => [f.resource.name, f.severity])).toEqual([
      ['a', 'danger'],
      ['b', 'warning'],
    ]);
    expect(result.findings[1].fieldPaths).toEqual(['spec']);
    expect(result.findings[1]).not.toHaveProperty('container');
    expect(result.score.failed.danger.security).toBe(1);
    expect(result.score.failed.warning.security).toBe(1);
  });

  it('keeps a status a check from outside gives, even one it does not know', () => {
    const scanner = scannerCheck([
      {
        resource: pod('a'),
        status: 'warn' as 'failed',
        message: 'from a scanner',
      },
    ]);
    const result = evaluate([], { now: NOW, checks: [scanner] });
    expect(result.findings.map(f => f.status)).toEqual(['warn']);
  });
});

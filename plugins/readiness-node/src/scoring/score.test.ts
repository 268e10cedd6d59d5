import { Finding, LevelDefinition } from '@hatchway/plugin-readiness-common';
import {
  scoreByCategory,
  scoreByNamespace,
  scoreByResource,
  scoreByResourceGroups,
  scoreFindings,
} from './groups';
import { aggregateScores, levelFor, polarisScore } from './score';

function finding(
  status: Finding['status'],
  severity: Finding['severity'] = 'warning',
  category: Finding['category'] = 'security',
  resource: Partial<Finding['resource']> = {},
): Finding {
  return {
    checkId: 'c',
    resource: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'a',
      ...resource,
    },
    severity,
    category,
    status,
    message: '',
  };
}

const many = (n: number, make: () => Finding) =>
  Array.from({ length: n }, make);

describe('polarisScore', () => {
  it.each([
    [0, 0, 0, 100], // nothing applies
    [10, 0, 0, 100],
    [0, 3, 0, 0],
    [3, 1, 1, 66], // 600 / 9 = 66.7, floored
    [9, 2, 0, 90], // 1800 / 20
    [1, 0, 1, 50], // a danger weighs as much as a pass
    [1, 2, 0, 50], // two warnings weigh as much as one danger
    [5, 1, 2, 66], // 1000 / 15 = 66.7
  ])('S=%i W=%i D=%i gives %i', (passed, warnings, dangers, expected) => {
    expect(polarisScore(passed, warnings, dangers)).toBe(expected);
  });
});

describe('scoreFindings', () => {
  it('leaves exempted and skipped findings out of the score but counts them', () => {
    const score = scoreFindings([
      ...many(3, () => finding('passed')),
      finding('failed', 'warning'),
      finding('failed', 'danger', 'reliability'),
      ...many(5, () => finding('exempted', 'danger')),
      ...many(2, () => finding('skipped')),
    ]);
    expect(score.score).toBe(66);
    expect(score.total).toEqual({
      passed: 3,
      failed: 2,
      exempted: 5,
      skipped: 2,
    });
    expect(score.bySeverity.danger).toEqual({
      passed: 0,
      failed: 1,
      exempted: 5,
      skipped: 0,
    });
    expect(score.byCategory.reliability.failed).toBe(1);
    expect(score.failed.danger.reliability).toBe(1);
    expect(score.failed.warning.security).toBe(1);
  });

  it.each([
    ['gold', [finding('passed')]],
    [
      'silver',
      [finding('passed'), finding('failed', 'warning', 'reliability')],
    ],
    ['bronze', [finding('passed'), finding('failed', 'warning', 'security')]],
    ['none', [finding('passed'), finding('failed', 'danger', 'efficiency')]],
    ['gold', [finding('passed'), finding('exempted', 'danger')]],
  ])('reaches %s', (level, findings) => {
    expect(scoreFindings(findings as Finding[]).level).toBe(level);
  });

  it('uses configured levels, best first, with a minimum score', () => {
    const levels: LevelDefinition[] = [
      {
        id: 'ready',
        title: 'Ready',
        minScore: 90,
        requirements: [{ severity: 'danger', max: 0 }],
      },
      {
        id: 'almost',
        title: 'Almost',
        requirements: [{ severity: 'danger', category: 'security', max: 1 }],
      },
    ];
    const findings = [
      ...many(9, () => finding('passed')),
      finding('failed', 'warning'),
    ];
    expect(scoreFindings(findings, levels).level).toBe('ready'); // 1800 / 19 = 94
    findings.push(finding('failed', 'warning'), finding('failed', 'warning'));
    expect(scoreFindings(findings, levels).level).toBe('almost'); // 85
    findings.push(
      finding('failed', 'danger', 'security'),
      finding('failed', 'danger', 'security'),
    );
    expect(scoreFindings(findings, levels).level).toBe('none');
    expect(levelFor({ score: 100, failed: scoreFindings([]).failed }, [])).toBe(
      'none',
    );
  });
});

describe('aggregateScores', () => {
  it('gives the score all the findings would have together, not an average', () => {
    const big = [
      ...many(40, () => finding('passed')),
      finding('failed', 'danger'),
    ];
    const small = [
      ...many(2, () => finding('passed')),
      ...many(2, () => finding('failed', 'warning')),
    ];
    const combined = aggregateScores([
      scoreFindings(big),
      scoreFindings(small),
    ]);
    expect(combined).toEqual(scoreFindings([...big, ...small]));
    expect(combined.score).toBe(95); // 8400 / 88; the average of 97 and 66 would be 81
    expect(combined.level).toBe('none');
    expect(aggregateScores([])).toEqual(scoreFindings([]));
  });
});

describe('score groups', () => {
  const findings = [
    finding('passed', 'warning', 'security', { name: 'web' }),
    finding('failed', 'danger', 'security', { name: 'api' }),
    finding('passed', 'warning', 'networking', {
      kind: 'Namespace',
      name: 'a',
      namespace: undefined,
      apiVersion: 'v1',
    }),
    finding('failed', 'warning', 'rbac', {
      kind: 'ClusterRole',
      name: 'ops',
      namespace: undefined,
    }),
    finding('passed', 'warning', 'efficiency', { name: 'web', namespace: 'b' }),
  ];

  it('scores each resource', () => {
    const scores = scoreByResource(findings);
    expect(scores.map(s => [s.resource.name, s.score.score])).toEqual([
      ['web', 100],
      ['api', 0],
      ['a', 100],
      ['ops', 0],
      ['web', 100],
    ]);
  });

  it('gives resources with the same counts equal scores that no holder can change', () => {
    const scores = scoreByResource([
      finding('passed', 'warning', 'security', { name: 'one' }),
      finding('passed', 'warning', 'security', { name: 'two' }),
      finding('failed', 'warning', 'security', { name: 'two' }),
      finding('passed', 'warning', 'security', { name: 'three' }),
      finding('failed', 'warning', 'security', { name: 'three' }),
      finding('exempted', 'danger', 'rbac', { name: 'four' }),
    ]);
    const [one, two, three, four] = scores.map(s => s.score);
    expect(two).toEqual(three);
    expect(two.score).toBe(66);
    expect(one.total.passed).toBe(1);
    expect(one.total.failed).toBe(0);
    expect(four.byCategory.rbac.exempted).toBe(1);
    expect(four.total.passed).toBe(0);
    expect(() => {
      two.total.failed = 0;
    }).toThrow(TypeError);
    expect(() => {
      two.byCategory.security.passed = 9;
    }).toThrow(TypeError);
    expect(three.total.failed).toBe(1);
  });

  it('counts each resource whatever order its findings come in, and equal refs as one resource', () => {
    const a = {
      kind: 'Deployment',
      name: 'a',
      namespace: 'n',
      apiVersion: 'apps/v1',
    };
    const b = { ...a, name: 'b' };
    const c = { ...a, name: 'c' };
    const sameAsA = { ...a };
    // By check, then object: the same walk twice, then another order and a copy of a's ref.
    const scores = scoreByResource(
      [a, b, c, a, b, c, c, b, a, sameAsA, b].map(resource => ({
        ...finding(resource === b ? 'failed' : 'passed'),
        resource,
      })),
    );
    expect(scores.map(s => [s.resource.name, s.score.total])).toEqual([
      ['a', { passed: 4, failed: 0, exempted: 0, skipped: 0 }],
      ['b', { passed: 0, failed: 4, exempted: 0, skipped: 0 }],
      ['c', { passed: 3, failed: 0, exempted: 0, skipped: 0 }],
    ]);
    expect(scores[0].resource).toBe(a);
  });

  it('counts a resource with more findings of one kind than fit in 8 bits, beside small ones', () => {
    const small = finding('failed', 'danger', 'security', { name: 'small' });
    const big = finding('passed', 'danger', 'security', { name: 'big' });
    const scores = scoreByResource([small, ...many(300, () => big), small]);
    expect(scores.map(s => [s.resource.name, s.score.total])).toEqual([
      ['small', { passed: 0, failed: 2, exempted: 0, skipped: 0 }],
      ['big', { passed: 300, failed: 0, exempted: 0, skipped: 0 }],
    ]);
  });

  it('counts a resource with more findings than fit in 16 bits', () => {
    const web = finding('passed');
    const large = [...many(70_000, () => web), finding('failed')];
    const [score] = scoreByResource(large).map(s => s.score);
    expect(score.total).toEqual({
      passed: 70_000,
      failed: 1,
      exempted: 0,
      skipped: 0,
    });
    expect(score.byCategory.security.passed).toBe(70_000);
    expect(score.score).toBe(99);
  });

  it('scores each namespace, with Namespace findings in their own namespace', () => {
    expect(
      scoreByNamespace(findings).map(s => [s.namespace, s.score.total]),
    ).toEqual([
      [undefined, { passed: 0, failed: 1, exempted: 0, skipped: 0 }],
      ['a', { passed: 2, failed: 1, exempted: 0, skipped: 0 }],
      ['b', { passed: 1, failed: 0, exempted: 0, skipped: 0 }],
    ]);
  });

  it('scores hundreds of resources, each as scoreFindings scores its own findings', () => {
    // More resources than the first block of counts holds, with different counts each.
    const findings300 = Array.from({ length: 300 }, (_, r) =>
      Array.from({ length: 1 + (r % 7) }, (__, i) =>
        finding(
          i % 3 ? 'passed' : 'failed',
          i % 2 ? 'warning' : 'danger',
          'security',
          { name: `app-${r}` },
        ),
      ),
    );
    const scores = scoreByResource(findings300.flat());
    expect(scores).toHaveLength(300);
    scores.forEach((s, r) =>
      expect(s.score).toEqual(scoreFindings(findings300[r])),
    );
  });

  it('scores groups of resources (entities, owners): each finding once in each of its groups', () => {
    // web belongs to the shop entity and the team; api to both entities; ops to none.
    const groupsByName: Record<string, string[]> = {
      web: ['component:shop', 'group:team', 'component:shop'],
      api: ['component:api', 'component:shop'],
    };
    // Findings of one resource come scattered, as a check walks every resource in turn.
    const scattered = [
      finding('passed', 'warning', 'security', { name: 'web' }),
      finding('failed', 'danger', 'security', { name: 'api' }),
      finding('failed', 'warning', 'rbac', { name: 'ops' }),
      finding('failed', 'warning', 'efficiency', { name: 'web' }),
      finding('passed', 'danger', 'security', { name: 'api' }),
    ];
    const scores = scoreByResourceGroups(
      scattered,
      resource => groupsByName[resource.name] ?? [],
    );
    // In the order of each group's first finding.
    expect([...scores.keys()]).toEqual([
      'component:shop',
      'group:team',
      'component:api',
    ]);
    const of = (names: string[]) =>
      scoreFindings(scattered.filter(f => names.includes(f.resource.name)));
    // web named shop twice: its findings still count once there.
    expect(scores.get('component:shop')).toEqual(of(['web', 'api']));
    expect(scores.get('group:team')).toEqual(of(['web']));
    expect(scores.get('component:api')).toEqual(of(['api']));
    expect(scores.get('component:shop')!.total).toEqual({
      passed: 2,
      failed: 2,
      exempted: 0,
      skipped: 0,
    });
  });

  it('scores each category on its own findings', () => {
    const scores = scoreByCategory(findings);
    expect(scores.security.score).toBe(50);
    expect(scores.rbac.score).toBe(0);
    expect(scores.secrets.score).toBe(100);
    expect(scores.secrets.total.passed).toBe(0);
  });
});

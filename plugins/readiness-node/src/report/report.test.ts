import { compliantSet, deployment, NOW } from '../__fixtures__/builders';
import { evaluate } from '../engine/evaluate';
import { toPolicyReport } from './policyReport';
import { toSarif } from './sarif';
import { toTable } from './table';

function result() {
  const set = compliantSet();
  const web = set.find(o => o.kind === 'Deployment')!;
  web.spec.template.spec.containers[0].securityContext.privileged = true;
  web.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem =
    false;
  web.metadata.annotations = {
    'hatchway.dev/readiness-exempt': 'read-only-root-filesystem',
    'hatchway.dev/readiness-exempt-reason': 'Writes its cache to /',
  };
  return evaluate(
    [
      ...set,
      deployment(
        d => (d.spec.template.spec.containers[0].image = 'api:latest'),
        'api',
      ),
    ],
    {
      now: NOW,
    },
  );
}

describe('toSarif', () => {
  it('writes a SARIF 2.1.0 log with a rule per enabled check and a result per failure', () => {
    const r = result();
    const sarif = toSarif(r, { toolVersion: '0.1.0' }) as any;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('hatchway-readiness');
    expect(driver.rules.map((rule: any) => rule.id)).toEqual(
      r.checks.filter(c => c.enabled).map(c => c.id),
    );
    expect(
      driver.rules.find((rule: any) => rule.id === 'not-privileged'),
    ).toEqual({
      id: 'not-privileged',
      name: 'not-privileged',
      shortDescription: { text: 'Containers are not privileged' },
      fullDescription: { text: 'Containers are not privileged' },
      help: { text: expect.stringContaining('privileged: true') },
      helpUri: 'https://hatchway.dev/docs/readiness/checks#not-privileged',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'security', tags: ['security'] },
    });
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(
      r.findings.filter(f => f.status === 'failed' || f.status === 'exempted')
        .length,
    );
    const privileged = results.find((x: any) => x.ruleId === 'not-privileged');
    expect(privileged).toMatchObject({
      level: 'error',
      message: {
        text: 'Deployment team-a/web (container app): Container "app" is privileged.',
      },
      locations: [
        {
          logicalLocations: [
            {
              name: 'web',
              fullyQualifiedName: 'team-a/Deployment/web',
              kind: 'resource',
            },
          ],
        },
      ],
    });
    expect(driver.rules[privileged.ruleIndex].id).toBe('not-privileged');
    expect(
      results.find((x: any) => x.ruleId === 'read-only-root-filesystem')
        .suppressions,
    ).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Writes its cache to /',
      },
    ]);
    expect(sarif.runs[0].properties).toEqual({
      profile: 'default',
      score: r.score.score,
      level: r.score.level,
    });
  });

  it('adds a physical location when the caller knows the file', () => {
    const sarif = toSarif(result(), {
      locate: () => ({ uri: 'charts/web.yaml', startLine: 12 }),
    }) as any;
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'charts/web.yaml' },
      region: { startLine: 12 },
    });
  });
});

describe('toPolicyReport', () => {
  it('writes a wgpolicyk8s.io PolicyReport with a summary and a result per finding', () => {
    const r = result();
    const report = toPolicyReport(r);
    expect(report).toMatchObject({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'hatchway-readiness', namespace: 'team-a' },
    });
    expect(report.summary).toEqual({
      pass: r.score.total.passed,
      fail: r.score.total.failed,
      warn: 0,
      error: 0,
      skip: r.score.total.exempted,
    });
    expect(
      report.results.find(x => x.policy === 'image-tag' && x.result === 'fail'),
    ).toEqual({
      source: 'hatchway-readiness',
      policy: 'image-tag',
      rule: 'image-tag',
      result: 'fail',
      severity: 'high',
      category: 'reliability',
      scored: true,
      message: 'Container "app" image "api:latest" is tagged latest.',
      resources: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'api',
          namespace: 'team-a',
        },
      ],
      properties: {
        checkId: 'image-tag',
        container: 'app',
        fieldPaths: 'spec.template.spec.containers[0].image',
      },
      timestamp: { seconds: NOW.getTime() / 1000, nanos: 0 },
    });
  });

  it('reads back in as the same failures', () => {
    const r = result();
    const again = evaluate([toPolicyReport(r) as any], { now: NOW });
    expect(again.score.total.failed).toBe(r.score.total.failed);
    expect(again.score.bySeverity.danger.failed).toBe(
      r.score.bySeverity.danger.failed,
    );
  });
});

describe('toTable', () => {
  it('lists failures worst first and ends with the score and level', () => {
    const lines = toTable(result()).trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^STATUS\s+SEVERITY\s+CHECK\s+RESOURCE\s+CONTAINER\s+MESSAGE$/,
    );
    expect(lines[1]).toMatch(
      /^failed\s+danger\s+image-tag\s+Deployment team-a\/api\s+app\s+Container "app" image/,
    );
    expect(lines.find(l => l.startsWith('exempted'))).toMatch(
      /\[exempt: Writes its cache to \/\]$/,
    );
    expect(lines[lines.length - 1]).toMatch(
      /^Score: \d+\/100 {2}Level: none {2}Profile: default$/,
    );
  });

  it('says so when nothing failed', () => {
    const table = toTable(evaluate(compliantSet(), { now: NOW }));
    expect(table).toContain('No failed findings.');
    expect(table).toMatch(/Score: 100\/100 {2}Level: gold/);
  });
});

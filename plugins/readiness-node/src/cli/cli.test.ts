import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const BIN = path.resolve(__dirname, '../../bin/hatchway-readiness');
const FIXTURES = path.resolve(__dirname, '../__fixtures__/manifests');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real executable, as CI would, from the fixtures directory. */
function cli(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: FIXTURES });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop();

/** The 1-based line of the first occurrence of text in a fixture. */
const lineIn = (file: string, text: string) =>
  fs
    .readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .findIndex(l => l.includes(text)) + 1;

jest.setTimeout(30_000);

describe('hatchway-readiness scan', () => {
  it('prints a table ending with the score and level, and exits 0 without thresholds', async () => {
    const run = await cli(['scan', '-f', 'noncompliant.yaml']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^STATUS\s+SEVERITY\s+CHECK\s+RESOURCE\s+CONTAINER\s+MESSAGE$/,
    );
    expect(lines[1]).toMatch(
      /^failed\s+danger\s+\S+\s+Deployment shop\/legacy/,
    );
    expect(run.stdout).toMatch(
      /ingress-class-annotation\s+Ingress shop\/legacy/,
    ); // from the kind: List
    expect(lastLine(run.stdout)).toMatch(
      /^Score: \d\d\/100 {2}Level: none {2}Profile: default$/,
    );
    expect(run.stderr).toBe('');
  });

  it('passes a hardened chart in the production profile at the strictest thresholds', async () => {
    const run = await cli([
      'scan',
      '-f',
      'compliant.yaml',
      '--profile',
      'production',
      '--min-score',
      '100',
      '--fail-on',
      'warning',
    ]);
    expect(run).toEqual({
      code: 0,
      stdout: expect.stringContaining(
        'Score: 100/100  Level: gold  Profile: production',
      ),
      stderr: '',
    });
    expect(run.stdout).toContain('No failed findings.');
  });

  it('reads every manifest of a directory', async () => {
    const run = await cli([
      'scan',
      '-f',
      'chart',
      '--profile',
      'production',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const findings: any[] = JSON.parse(run.stdout).findings;
    // deployment.yaml and policies.yml (a .yml file) were both read.
    const kinds = new Set(findings.map(f => f.resource.kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'Deployment',
        'PodDisruptionBudget',
        'Namespace',
      ]),
    );
    // The chart's Deployment meets the restricted Pod Security Standard.
    const pss = findings.filter(f => f.checkId.startsWith('pss-'));
    expect(pss).toHaveLength(19);
    expect(pss.every(f => f.status === 'passed')).toBe(true);
  });

  it('exits 1 when the score is below --min-score', async () => {
    const run = await cli([
      'scan',
      '-f',
      'noncompliant.yaml',
      '--min-score',
      '80',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^hatchway-readiness: score \d+ is below --min-score 80\n$/,
    );
  });

  it('exits 1 on --fail-on warning but 0 on --fail-on danger when only warnings fail', async () => {
    const danger = await cli([
      'scan',
      '-f',
      'warnings-only.yaml',
      '--fail-on',
      'danger',
    ]);
    expect(danger.code).toBe(0);
    expect(danger.stdout).toMatch(
      /Findings: \d+ passed, 3 failed \(0 danger, 3 warning\)/,
    );
    const warning = await cli([
      'scan',
      '-f',
      'warnings-only.yaml',
      '--fail-on',
      'warning',
    ]);
    expect(warning.code).toBe(1);
    expect(warning.stderr).toBe(
      'hatchway-readiness: 3 failed findings at or above warning\n',
    );
  });

  it('reads stdin with "-" and prints the evaluation as JSON', async () => {
    const input = fs.readFileSync(
      path.join(FIXTURES, 'noncompliant.yaml'),
      'utf8',
    );
    const run = await cli(
      ['scan', '-', '--format', 'json', '--fail-on', 'danger'],
      input,
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.profile).toBe('default');
    expect(result.score.level).toBe('none');
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        checkId: 'not-privileged',
        status: 'failed',
        severity: 'danger',
        container: 'app',
        resource: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'legacy',
          namespace: 'shop',
        },
        fieldPaths: [
          'spec.template.spec.containers[0].securityContext.privileged',
        ],
      }),
    );
  });

  it('writes SARIF 2.1.0 with rules, results and file locations', async () => {
    const run = await cli(['scan', '-f', 'noncompliant.yaml', '-o', 'sarif']);
    expect(run.code).toBe(0);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const driver = sarif.runs[0].tool.driver;
    expect(driver).toMatchObject({
      name: 'hatchway-readiness',
      version: '0.1.0',
    });
    const rule = driver.rules.find((r: any) => r.id === 'image-tag');
    expect(rule).toMatchObject({
      shortDescription: { text: 'Images have a tag other than latest' },
      help: { text: expect.any(String) },
      helpUri: 'https://hatchway.dev/docs/readiness/checks#image-tag',
      defaultConfiguration: { level: 'error' },
    });
    const result = sarif.runs[0].results.find(
      (r: any) => r.ruleId === 'image-tag',
    );
    expect(result.level).toBe('error');
    expect(result.message.text).toBe(
      'Deployment shop/legacy (container app): Container "app" image "nginx:latest" is tagged latest.',
    );
    expect(result.locations[0]).toEqual({
      logicalLocations: [
        {
          name: 'legacy',
          fullyQualifiedName: 'shop/Deployment/legacy',
          kind: 'resource',
        },
      ],
      physicalLocation: {
        artifactLocation: { uri: 'noncompliant.yaml' },
        region: {
          startLine: lineIn('noncompliant.yaml', 'image: nginx:latest'),
        },
      },
    });
    const ingress = sarif.runs[0].results.find(
      (r: any) => r.ruleId === 'ingress-class-annotation',
    );
    expect(ingress.locations[0].physicalLocation.region.startLine).toBe(
      lineIn('noncompliant.yaml', 'kubernetes.io/ingress.class: nginx'),
    );
  });

  it('writes a PolicyReport whose summary matches the findings', async () => {
    const [report, json] = await Promise.all([
      cli(['scan', '-f', 'noncompliant.yaml', '--format', 'policyreport']),
      cli(['scan', '-f', 'noncompliant.yaml', '--format', 'json']),
    ]);
    expect(report.code).toBe(0);
    const doc = parse(report.stdout);
    const { score } = JSON.parse(json.stdout);
    expect(doc).toMatchObject({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'hatchway-readiness', namespace: 'shop' },
      summary: {
        pass: score.total.passed,
        fail: score.total.failed,
        warn: 0,
        error: 0,
        skip: 0,
      },
    });
    expect(
      doc.results.find((r: any) => r.policy === 'ingress-tls'),
    ).toMatchObject({
      rule: 'ingress-tls',
      result: 'fail',
      severity: 'medium',
      category: 'networking',
      resources: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          name: 'legacy',
          namespace: 'shop',
        },
      ],
    });
  });

  it('takes in a Kyverno PolicyReport, showing skipped results', async () => {
    const run = await cli(['scan', '-f', 'kyverno-report.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /failed\s+danger\s+policy-report\s+Deployment shop\/web\s+-\s+require-run-as-nonroot\/run-as-non-root: Running as root/,
    );
    expect(run.stdout).toMatch(
      /failed\s+warning\s+policy-report\s+Deployment shop\/web\s+-\s+require-labels\/check-team/,
    );
    expect(run.stdout).toMatch(
      /skipped\s+warning\s+policy-report\s+.*restrict-image-registries/,
    );
    expect(run.stdout).toContain(
      'Findings: 1 passed, 2 failed (1 danger, 1 warning), 0 exempted, 1 skipped',
    );
    expect(lastLine(run.stdout)).toBe(
      'Score: 40/100  Level: none  Profile: default',
    );
  });

  it('applies overrides and unexpired exemptions from --config', async () => {
    const plain = await cli(['scan', '-f', 'noncompliant.yaml', '-o', 'json']);
    const configured = await cli([
      'scan',
      '-f',
      'noncompliant.yaml',
      '-o',
      'json',
      '--config',
      'config.yaml',
    ]);
    const before = JSON.parse(plain.stdout);
    const after = JSON.parse(configured.stdout);
    const privileged = after.findings.find(
      (f: any) => f.checkId === 'not-privileged',
    );
    expect(privileged.status).toBe('exempted');
    expect(privileged.exemption).toMatchObject({
      source: 'config',
      owner: 'group:default/shop',
    });
    expect(
      after.findings.find((f: any) => f.checkId === 'image-tag').severity,
    ).toBe('warning');
    expect(
      after.findings.some((f: any) => f.checkId === 'liveness-probe'),
    ).toBe(false);
    // The Ingress exemption expired in 2020: its failures still count.
    expect(
      after.findings.find((f: any) => f.checkId === 'ingress-tls').status,
    ).toBe('failed');
    expect(after.score.score).toBeGreaterThan(before.score.score);
  });

  it('lists the checks of a profile', async () => {
    const run = await cli([
      'checks',
      '--profile',
      'production',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const checks = JSON.parse(run.stdout);
    expect(checks.find((c: any) => c.id === 'image-digest')).toMatchObject({
      enabled: true,
      severity: 'danger',
    });
    const table = await cli(['checks']);
    expect(table.stdout).toMatch(
      /^ID\s+SEVERITY\s+CATEGORY\s+ENABLED\s+TITLE\n/,
    );
    expect(table.stdout).toMatch(
      /\nimage-digest\s+warning\s+security\s+no\s+Images are pinned by digest\n/,
    );
  });

  it('prints help with exit code 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:\n {2}hatchway-readiness scan/);
  });

  it.each([
    [
      ['scan', '-f', 'broken-manifest.txt'],
      /^hatchway-readiness: broken-manifest\.txt: invalid YAML at line 8, column \d+: /,
    ],
    [
      ['scan', '-f', 'not-kubernetes.yaml'],
      /^hatchway-readiness: not-kubernetes\.yaml: line 6: object has no apiVersion or kind\n$/,
    ],
    [
      ['scan', '-f', 'missing.yaml'],
      /^hatchway-readiness: cannot read missing\.yaml: ENOENT\n$/,
    ],
    [
      ['scan', '-f', 'compliant.yaml', '-c', 'bad-config.yaml'],
      /bad-config\.yaml: checks\.image-tag must be/,
    ],
    [['scan'], /No input: pass -f FILE/],
    [
      ['scan', '-f', 'compliant.yaml', '--format', 'xml'],
      /Unknown format "xml"/,
    ],
    [
      ['scan', '-f', 'compliant.yaml', '--min-score', 'high'],
      /--min-score must be a whole number from 0 to 100/,
    ],
    [
      ['scan', '-f', 'compliant.yaml', '--fail-on', 'info'],
      /--fail-on must be danger or warning, not "info"/,
    ],
    [
      ['scan', '-f', 'compliant.yaml', '--profile', 'staging'],
      /Unknown profile "staging"; expected one of default, production/,
    ],
    [
      ['scan', '-f', 'compliant.yaml', '--verbose'],
      /Unknown option '--verbose'/,
    ],
    [['deploy'], /Unknown command "deploy"/],
    [[], /No command given/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

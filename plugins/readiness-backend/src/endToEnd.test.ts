/*
 * The readiness plugin end to end against the emulated shop cluster: a scan, what the entity,
 * summary, findings and export routes then answer, and a scan of a cluster gone away. Exemptions
 * over time: exemptionsEndToEnd.test.ts.
 */
import { createTestDatabases } from './__testUtils__/databases';
import { startShopReadiness } from './__testUtils__/shopCluster';

jest.setTimeout(120_000);

const databases = createTestDatabases();
// A real Postgres when the test run provides one (it does), else SQLite.
const [[databaseId]] = databases.eachSupportedId();
const DAY = 86_400_000;

type Finding = { checkId: string; status: string; resource: { name: string } };
const failedChecksOf = (findings: Finding[], name: string) =>
  findings
    .filter(f => f.resource.name === name && f.status === 'failed')
    .map(f => f.checkId)
    .sort();

describe(`readiness end to end against the emulator and ${databaseId}`, () => {
  let readiness: Awaited<ReturnType<typeof startShopReadiness>>;
  let api: typeof readiness.api;
  const entity = (days?: number) => readiness.entity(days);
  const scan = () => readiness.scan();

  beforeAll(async () => {
    readiness = await startShopReadiness(await databases.init(databaseId));
    api = readiness.api;
  });

  afterAll(() => readiness?.stop());

  it('scans the cluster', async () => {
    const done = await scan();
    expect(done).toMatchObject({ cluster: 'emulator', status: 'succeeded' });
    expect(done.objectCount).toBeGreaterThanOrEqual(6);
    const clusters = await api.get('/clusters');
    expect(clusters.body.items).toEqual([
      expect.objectContaining({
        name: 'emulator',
        lastScan: expect.objectContaining({ id: done.id }),
        lastSuccessfulScan: expect.objectContaining({ id: done.id }),
        score: expect.objectContaining({ score: done.score }),
      }),
    ]);
  });

  it('scores the entity over both of its Deployments and lists what fails', async () => {
    const res = await entity();
    expect(res.status).toBe(200);
    const { score, findings, topFailingChecks, selector } = res.body;
    expect(selector).toEqual({ kubernetesId: 'shop-api' });
    expect(new Set(findings.map((f: Finding) => f.resource.name))).toEqual(
      new Set(['shop-api', 'shop-api-worker']),
    );
    // The hardened shop-api names no priority class (a warning); everything else passes.
    expect(failedChecksOf(findings, 'shop-api')).toEqual([
      'priority-class-set',
    ]);
    expect(failedChecksOf(findings, 'shop-api-worker')).toEqual([
      'anti-affinity-or-spread',
      'cpu-limits',
      'cpu-requests',
      'drop-all-capabilities',
      'image-tag',
      'liveness-probe',
      'memory-limits',
      'memory-requests',
      'min-replicas',
      'network-policy-coverage',
      'no-automount-service-account-token',
      'no-privilege-escalation',
      'not-privileged',
      'pdb-coverage',
      'priority-class-set',
      'pss-allow-privilege-escalation',
      'pss-capabilities-restricted',
      'pss-privileged',
      'pss-run-as-non-root',
      'pss-seccomp-restricted',
      'read-only-root-filesystem',
      'readiness-probe',
      'run-as-non-root',
      'seccomp-profile',
    ]);
    expect(score.total.failed).toBe(25);
    // not-privileged, no-privilege-escalation, image-tag, run-as-non-root and pss-privileged.
    expect(score.bySeverity.danger.failed).toBe(5);
    expect(score.level).toBe('none');
    expect(score.score).toBeLessThan(100);
    expect(topFailingChecks.slice(0, 5).map((c: any) => c.severity)).toEqual(
      Array(5).fill('danger'),
    );
    expect(topFailingChecks[0]).toMatchObject({
      title: expect.any(String),
      remediation: expect.any(String),
      failed: 1,
    });
  });

  it('finds the namespace that leaves the metadata endpoint open', async () => {
    const res = await api.get(
      '/findings?cluster=emulator&check=metadata-egress-blocked',
    );
    const byNamespace = Object.fromEntries(
      res.body.items.map((f: any) => [f.resource.name, f.status]),
    );
    expect(byNamespace).toMatchObject({ shop: 'passed', legacy: 'failed' });
    // The control plane's namespaces are excluded by default, as Polaris does.
    expect(Object.keys(byNamespace)).not.toContain('kube-system');
    expect(Object.keys(byNamespace)).not.toContain('kube-public');
    const legacy = await api.get('/summary?cluster=emulator&namespace=legacy');
    const shop = await api.get('/summary?cluster=emulator&namespace=shop');
    // The worker's five, the namespace's metadata-egress-blocked and the ConfigMap's password.
    expect(legacy.body.score.bySeverity.danger.failed).toBe(7);
    // Hardened but for shop-api's priority class: one reliability warning.
    expect(shop.body.score).toMatchObject({
      level: 'silver',
      total: expect.objectContaining({ failed: 1 }),
    });
    expect(shop.body.score.score).toBeGreaterThanOrEqual(98);
    expect(shop.body.categoryScores.networking).toBe(100);
    expect(legacy.body.categoryScores.networking).toBeLessThan(100);
  });

  it('finds a password in a ConfigMap without ever showing it', async () => {
    const res = await api.get(
      '/findings?cluster=emulator&check=no-credentials-in-configmaps',
    );
    expect(res.body.items).toEqual([
      expect.objectContaining({
        status: 'failed',
        severity: 'danger',
        resource: expect.objectContaining({
          kind: 'ConfigMap',
          namespace: 'legacy',
          name: 'worker-settings',
        }),
        message: expect.stringContaining('password'),
        fieldPaths: ['data.password'],
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    const csv = await api.get('/export?format=csv&cluster=emulator');
    expect(csv.text).toContain('worker-settings');
    expect(csv.text).not.toContain('hunter2');
  });

  it('summarises the owning team exactly as its entity', async () => {
    const team = await api.get('/summary?owner=team-a');
    expect(team.body.filters).toEqual({ owner: 'group:default/team-a' });
    expect(team.body.score).toEqual((await entity()).body.score);
    const owned = await api.get(
      '/findings?owner=group:default/team-a&status=failed&limit=5',
    );
    expect(owned.body.totalCount).toBe(25);
    expect(owned.body.items).toHaveLength(5);
    expect(owned.body.items[0]).toMatchObject({
      severity: 'danger',
      entityRefs: ['component:default/shop-api'],
      owners: ['group:default/team-a'],
    });
  });

  it('refuses bad exemptions and unknown entities', async () => {
    const bad = await api.post('/exemptions', {
      checkIds: ['not-a-check'],
      reason: '',
      expiresAt: new Date(Date.now() - DAY).toISOString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/reason: a reason is required/);
    const unknown = await api.post('/exemptions', {
      checkIds: ['not-a-check'],
      reason: 'r',
      expiresAt: new Date(Date.now() - DAY).toISOString(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /unknown check ids: not-a-check; expiresAt must be in the future/,
    );
    expect((await api.get('/entities/component/default/nope')).status).toBe(
      404,
    );
  });

  it('exports the findings as CSV, SARIF and a PolicyReport', async () => {
    const all = await api.get('/findings?cluster=emulator&limit=500');
    const total = all.body.totalCount;
    const failed = all.body.items.filter((f: any) => f.status === 'failed');

    const csv = await api.get('/export?format=csv&cluster=emulator');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="readiness-emulator-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(total + 1);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^emulator,legacy,Deployment,shop-api-worker,worker,not-privileged,.*,danger,security,failed,/,
      ),
    );

    const sarif = await api.get('/export?format=sarif&entity=shop-api');
    expect(sarif.headers['content-type']).toMatch(/^application\/sarif\+json/);
    expect(sarif.headers['content-disposition']).toMatch(/\.sarif"$/);
    const log = JSON.parse(sarif.text);
    expect(log).toMatchObject({
      version: '2.1.0',
      $schema: expect.stringContaining('sarif-schema-2.1.0'),
    });
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('hatchway-readiness');
    expect(run.results).toHaveLength(25);
    expect(
      run.results.find((r: any) => r.ruleId === 'not-privileged'),
    ).toMatchObject({
      level: 'error',
      locations: [
        {
          logicalLocations: [
            {
              fullyQualifiedName: 'emulator/legacy/Deployment/shop-api-worker',
            },
          ],
        },
      ],
    });
    expect(run.tool.driver.rules.map((r: any) => r.id)).toContain(
      'not-privileged',
    );

    const report = await api.get(
      '/export?format=policyreport&cluster=emulator',
    );
    expect(report.headers['content-disposition']).toMatch(
      /\.policyreport\.json"$/,
    );
    const document = JSON.parse(report.text);
    expect(document).toMatchObject({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'hatchway-readiness-emulator' },
      summary: { fail: failed.length },
    });
    expect(document.results).toHaveLength(total);
  });

  it('records a failed scan and keeps the results when the cluster goes away', async () => {
    const before = (await entity()).body;
    await readiness.emulator.close();
    const failed = await scan();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/ECONNREFUSED/);
    const after = (await entity()).body;
    expect(after.findings).toEqual(before.findings);
    const clusters = await api.get('/clusters');
    expect(clusters.body.items[0].lastScan).toMatchObject({
      id: failed.id,
      status: 'failed',
    });
    expect(clusters.body.items[0].lastSuccessfulScan.status).toBe('succeeded');
  });
});

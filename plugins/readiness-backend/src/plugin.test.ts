import { mockCredentials } from '@backstage/backend-test-utils';
import { createTestDatabases } from './__testUtils__/databases';
import {
  deadClusterConfig as config,
  inDays,
} from './__testUtils__/deadCluster';
import { JANE, startReadiness } from './__testUtils__/backend';
import { shopApi } from './__testUtils__/shopCluster';

jest.setTimeout(60_000);

// Backstage's default test database leaves a handle open; TestDatabases cleans up after itself.
const databases = createTestDatabases();
const sqlite = () => databases.init('SQLITE_3');

describe('readiness API', () => {
  let api: Awaited<ReturnType<typeof startReadiness>>;

  beforeAll(async () => {
    api = await startReadiness({
      config,
      entities: [shopApi],
      knex: await sqlite(),
    });
  });
  afterAll(() => api.backend.stop());

  it('refuses callers without credentials', async () => {
    const res = await api.anonymous
      .get('/api/readiness/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('lists the configured clusters before any scan', async () => {
    const res = await api.get('/clusters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          name: 'dead',
          title: 'dead cluster',
          // Nothing answers at the cluster's address: its watch never becomes active.
          liveRescoring: expect.objectContaining({
            state: expect.stringMatching(/^(starting|degraded)$/),
          }),
        },
      ],
    });
  });

  it('serves the checks catalogue as the profile and overrides leave it', async () => {
    const res = await api.get('/checks');
    expect(res.status).toBe(200);
    expect(res.body.profile).toBe('production');
    const byId = Object.fromEntries(
      res.body.items.map((c: { id: string }) => [c.id, c]),
    );
    expect(byId['image-digest']).toMatchObject({
      enabled: true,
      severity: 'danger',
    });
    expect(byId['readiness-probe'].enabled).toBe(false);
    // Danger by default, as in Polaris.
    expect(byId['run-as-non-root']).toMatchObject({
      enabled: true,
      severity: 'danger',
      category: 'security',
      title: 'Containers run as a non-root user',
    });
  });

  it('records a failed scan with the error when the cluster cannot be reached', async () => {
    const res = await api.post('/scans?cluster=dead');
    expect(res.status).toBe(200);
    expect(res.body.scan).toMatchObject({ cluster: 'dead', status: 'failed' });
    expect(res.body.scan.error).toMatch(/ECONNREFUSED/);
    expect(res.body.scan.error).not.toContain('test-token');
    const clusters = await api.get('/clusters');
    expect(clusters.body.items[0].lastScan).toMatchObject({ status: 'failed' });
    expect(clusters.body.items[0].lastSuccessfulScan).toBeUndefined();
  });

  it('rejects scans of no cluster or an unknown one', async () => {
    expect((await api.post('/scans')).status).toBe(400);
    const unknown = await api.post('/scans?cluster=nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /Cluster "nowhere" is not configured/,
    );
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const res = await api.get('/entities/component/default/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ name: 'NotFoundError' });
    const known = await api.get('/entities/component/default/shop-api?days=90');
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({
      entityRef: 'component:default/shop-api',
      selector: { kubernetesId: 'shop-api' },
      findings: [],
      days: 90,
      trend: [],
    });
    expect(
      (await api.get('/entities/component/default/shop-api?days=7')).status,
    ).toBe(400);
  });

  it.each([
    ['severity=critical', /severity/],
    ['limit=0', /limit/],
    ['owner=group:default/', /owner: not an entity ref/],
    ['colour=red', /Unrecognized key/],
  ])('rejects the findings query %s', async (query, message) => {
    const res = await api.get(`/findings?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    [
      'an unknown check id',
      { checkIds: ['no-such-check'] },
      /unknown check ids: no-such-check/,
    ],
    [
      'a past expiry',
      { expiresAt: inDays(-1) },
      /expiresAt must be in the future/,
    ],
    [
      'an expiry too far ahead',
      { expiresAt: inDays(31) },
      /expiresAt must be at most 30 days ahead/,
    ],
    [
      'an expiry that is no time',
      { expiresAt: 'next week' },
      /expiresAt: Invalid datetime/,
    ],
    ['no reason', { reason: undefined }, /reason: Required/],
    ['a blank reason', { reason: '   ' }, /reason: a reason is required/],
    [
      'no check ids',
      { checkIds: [] },
      /checkIds: Array must contain at least 1/,
    ],
    [
      'an unknown cluster',
      { match: { cluster: 'elsewhere' } },
      /match.cluster "elsewhere" is not a configured cluster/,
    ],
    [
      'an unknown match field',
      { match: { colour: 'red' } },
      /Unrecognized key/,
    ],
  ])('rejects an exemption with %s', async (_, change, message) => {
    const res = await api.post('/exemptions', {
      checkIds: ['run-as-non-root'],
      reason: 'Rebuilding the image',
      expiresAt: inDays(7),
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError' });
    expect(res.body.error.message).toMatch(message);
  });

  it('creates, lists, audits and deletes an exemption', async () => {
    const expiresAt = inDays(7);
    const created = await api.post('/exemptions', {
      checkIds: ['run-as-non-root', 'policy-report:disallow-latest-tag'],
      match: { cluster: 'dead', namespace: 'shop' },
      reason: 'Rebuilding the image',
      expiresAt,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      checkIds: ['run-as-non-root', 'policy-report:disallow-latest-tag'],
      match: { cluster: 'dead', namespace: 'shop' },
      owner: JANE,
      createdBy: JANE,
      expiresAt: new Date(expiresAt).toISOString(),
      active: true,
    });
    const { id } = created.body;
    expect(
      (await api.get('/exemptions')).body.items.map(
        (e: { id: string }) => e.id,
      ),
    ).toEqual([id]);
    const detail = await api.get(`/exemptions/${id}`);
    expect(detail.body.audit).toEqual([
      {
        actor: JANE,
        action: 'exemption.create',
        exemptionId: id,
        at: created.body.createdAt,
      },
    ]);

    expect((await api.del(`/exemptions/${id}`)).status).toBe(204);
    expect((await api.del(`/exemptions/${id}`)).status).toBe(404);
    expect((await api.get(`/exemptions/${id}`)).status).toBe(404);
    expect((await api.get('/exemptions')).body.items).toEqual([]);
    // The trail outlives the exemption.
    const audit = await api.get(`/audit?exemptionId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'exemption.create',
      'exemption.delete',
    ]);
    expect((await api.get('/audit?limit=1')).body.items).toHaveLength(1);
  });

  it('exports an empty result set in every format', async () => {
    const csv = await api.get('/export?format=csv&cluster=dead');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="readiness-dead-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(csv.text.split('\r\n')[0]).toMatch(/^cluster,namespace,kind,name,/);
    const sarif = await api.get('/export?format=sarif');
    expect(sarif.headers['content-type']).toMatch(/^application\/sarif\+json/);
    expect(JSON.parse(sarif.text)).toMatchObject({
      version: '2.1.0',
      runs: [{ results: [] }],
    });
    expect((await api.get('/export?format=xml')).status).toBe(400);
  });
});

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from './__testUtils__/databases';
import { completed, finding } from './__testUtils__/findings';
import {
  clustersConfig,
  denying,
  JANE,
  startReadiness,
} from './__testUtils__/backend';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { scoreFindings } from '@hatchway/plugin-readiness-node';

jest.setTimeout(60_000);

// Nothing listens on port 1: the cluster cannot be reached.
const config = {
  ...clustersConfig([{ name: 'dead', url: 'http://127.0.0.1:1' }]),
  readiness: {
    profile: 'production',
    checks: { 'readiness-probe': { enabled: false } },
    exemptions: { maxDays: 30 },
  },
};
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();
const shopApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'shop-api' },
  },
  spec: { owner: 'team-a' },
};

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

describe('readiness API permissions', () => {
  it('answers 403 when a permission is denied, and only then', async () => {
    const api = await startReadiness({
      config,
      permissions: denying(
        'readiness.exemption.create',
        'readiness.exemption.delete',
      ),
      knex: await sqlite(),
    });
    try {
      expect((await api.get('/clusters')).status).toBe(200);
      const create = await api.post('/exemptions', {
        checkIds: ['run-as-non-root'],
        reason: 'r',
        expiresAt: inDays(1),
      });
      expect(create.status).toBe(403);
      expect(create.body.error).toMatchObject({ name: 'NotAllowedError' });
      expect((await api.del('/exemptions/any')).status).toBe(403);
      expect((await api.post('/scans?cluster=dead')).status).toBe(403);
    } finally {
      await api.backend.stop();
    }
  });

  it('keeps results from callers without the read permission', async () => {
    const api = await startReadiness({
      config,
      permissions: denying('readiness.results.read'),
      knex: await sqlite(),
    });
    try {
      for (const path of [
        '/clusters',
        '/summary',
        '/findings',
        '/checks',
        '/exemptions',
        '/export?format=csv',
      ]) {
        expect({ path, status: (await api.get(path)).status }).toEqual({
          path,
          status: 403,
        });
      }
    } finally {
      await api.backend.stop();
    }
  });
});

describe('scheduled tasks', () => {
  it('schedules a scan per cluster at the configured frequency, and the pruning', async () => {
    const scheduler = mockServices.scheduler.mock();
    const knex = await sqlite();
    const api = await startReadiness({
      config: {
        ...clustersConfig([
          { name: 'dead', url: 'http://127.0.0.1:1' },
          { name: 'gone', url: 'http://127.0.0.1:1' },
        ]),
        readiness: { schedule: { frequency: { minutes: 2 } } },
      },
      scheduler: scheduler.factory,
      knex,
    });
    try {
      const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task);
      expect(tasks.map(t => [t.id, t.frequency, t.initialDelay])).toEqual([
        ['readiness-scan:dead', { minutes: 2 }, { seconds: 30 }],
        ['readiness-scan:gone', { minutes: 2 }, { seconds: 30 }],
        ['readiness-prune-history', { hours: 24 }, { minutes: 5 }],
      ]);
      // The task really scans its cluster.
      await tasks[1].fn(new AbortController().signal);
      const clusters = await api.get('/clusters');
      expect(
        clusters.body.items.map((c: any) => [c.name, c.lastScan?.status]),
      ).toEqual([
        ['dead', undefined],
        ['gone', 'failed'],
      ]);

      // Pruning keeps readiness.retentionDays (90 by default) of snapshots and scans.
      const store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
      });
      const score = scoreFindings([finding().finding]);
      const times = [100, 1].map(d => new Date(Date.now() - d * 86_400_000));
      for (const at of times) {
        const scan = await store.scans.start('dead', at);
        await store.scans.complete(
          completed(scan.id, 'dead', [], {
            finishedAt: at,
            snapshots: [{ scopeType: 'cluster', scopeRef: 'dead', score }],
          }),
        );
      }
      const trend = () =>
        store.snapshots.trend({ type: 'cluster', ref: 'dead' }, '2000-01-01');
      expect(await trend()).toHaveLength(2);
      await tasks[2].fn(new AbortController().signal);
      expect((await trend()).map(p => p.day)).toEqual([
        times[1].toISOString().slice(0, 10),
      ]);
      const scans = await knex('readiness_scans').where({ cluster: 'dead' });
      expect(scans).toHaveLength(1);
    } finally {
      await api.backend.stop();
    }
  });
});

describe('a scan that fails', () => {
  it.each(databases.eachSupportedId())(
    'keeps the earlier results on %s',
    async id => {
      const knex = await databases.init(id);
      const store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
      });
      const earlier = await store.scans.start('dead', new Date());
      await store.scans.complete(completed(earlier.id, 'dead', [finding()]));

      const api = await startReadiness({ config, knex });
      try {
        const scan = await api.post('/scans?cluster=dead');
        expect(scan.body.scan.status).toBe('failed');
        const findings = await api.get('/findings?cluster=dead');
        expect(findings.body.totalCount).toBe(1);
        expect(findings.body.items[0]).toMatchObject({
          checkId: 'run-as-non-root',
          status: 'failed',
          scanId: earlier.id,
        });
        const clusters = await api.get('/clusters');
        expect(clusters.body.items[0]).toMatchObject({
          lastScan: { id: scan.body.scan.id, status: 'failed' },
          lastSuccessfulScan: { id: earlier.id, status: 'succeeded' },
          score: { score: 0, level: 'none' },
        });
      } finally {
        await api.backend.stop();
      }
    },
  );
});

/*
 * Exemptions end to end against the emulated shop cluster: an exemption lowers the failures and
 * raises the score at once and in the next scan, its expiry restores them, and the daily trend
 * rows of the entity, the namespace, the cluster and the owning team record both.
 */
import { setClock, startShopReadiness } from './__testUtils__/shopCluster';
import { createTestDatabases } from './__testUtils__/databases';

jest.setTimeout(120_000);

const databases = createTestDatabases();
// A real Postgres when the test run provides one (it does), else SQLite.
const [[databaseId]] = databases.eachSupportedId();
const DAY = 86_400_000;

describe(`readiness exemptions end to end against the emulator and ${databaseId}`, () => {
  let readiness: Awaited<ReturnType<typeof startShopReadiness>>;
  let api: typeof readiness.api;
  const entity = (days?: number) => readiness.entity(days);
  const scan = () => readiness.scan();

  beforeAll(async () => {
    readiness = await startShopReadiness(await databases.init(databaseId));
    api = readiness.api;
    await scan();
  });

  afterAll(async () => {
    jest.useRealTimers();
    await readiness?.stop();
  });

  const start = new Date();
  let original: any;
  let exemptionId: string;

  it('lowers failures and raises the score with an exemption, after a rescan too', async () => {
    original = (await entity()).body.score;
    const created = await api.post('/exemptions', {
      // Every danger failure of the worker, as its team would: the privileged container as
      // the Pod Security Standard judges it too, and running as root, which the distroless
      // (non-root) image fixes along with the rest.
      checkIds: [
        'not-privileged',
        'pss-privileged',
        'no-privilege-escalation',
        'run-as-non-root',
        'image-tag',
      ],
      match: {
        cluster: 'emulator',
        namespace: 'legacy',
        kind: 'Deployment',
        namePrefix: 'shop-api-',
      },
      reason: 'The worker is rebuilt on a distroless image next sprint',
      owner: 'group:default/team-a',
      expiresAt: new Date(start.getTime() + DAY).toISOString(),
    });
    expect(created.status).toBe(201);
    exemptionId = created.body.id;

    // At once, without waiting for a scan...
    const now = (await entity()).body;
    expect(now.score.total.failed).toBe(original.total.failed - 5);
    expect(now.score.total.exempted).toBe(5);
    expect(now.score.bySeverity.danger.failed).toBe(0);
    expect(now.score.score).toBeGreaterThan(original.score);
    expect(now.score.level).not.toBe('none');
    const exempted = now.findings.filter((f: any) => f.status === 'exempted');
    expect(exempted.map((f: any) => f.exemption)).toEqual(
      Array(5).fill({
        source: 'config',
        id: exemptionId,
        reason: 'The worker is rebuilt on a distroless image next sprint',
        owner: 'group:default/team-a',
        expiresAt: created.body.expiresAt,
      }),
    );

    // ...and as the scan itself judges it.
    await scan();
    const rescanned = (await entity()).body;
    expect(rescanned.score).toEqual(now.score);
  });

  it('restores the failures when the exemption expires, and keeps a trend row per day', async () => {
    setClock(new Date(start.getTime() + 2 * DAY));
    try {
      const expired = (await entity()).body;
      expect(expired.score).toEqual(original);
      expect(
        expired.findings.filter((f: any) => f.status === 'exempted'),
      ).toEqual([]);
      const exemptions = await api.get('/exemptions');
      expect(exemptions.body.items).toEqual([
        expect.objectContaining({ id: exemptionId, active: false }),
      ]);

      await scan();
      const after = (await entity()).body;
      expect(after.score).toEqual(original);
      const day = (offset: number) =>
        new Date(start.getTime() + offset * DAY).toISOString().slice(0, 10);
      expect(after.trend.map((p: any) => [p.day, p.score])).toEqual([
        [day(0), expect.any(Number)],
        [day(2), original.score],
      ]);
      // Today's row was upserted by the scan with the exemption in force.
      expect(after.trend[0].score).toBeGreaterThan(original.score);
      expect(after.trend[0].total.exempted).toBe(5);

      // The scans snapshot the cluster, each namespace and each owning team too.
      for (const scope of [
        'cluster=emulator',
        'cluster=emulator&namespace=legacy',
        'owner=team-a',
      ]) {
        const summary = (await api.get(`/summary?${scope}`)).body;
        expect({ scope, days: summary.days, trend: summary.trend }).toEqual({
          scope,
          days: 30,
          trend: [
            expect.objectContaining({
              day: day(0),
              total: expect.objectContaining({ exempted: 5 }),
            }),
            {
              day: day(2),
              score: summary.score.score,
              level: summary.score.level,
              total: summary.score.total,
            },
          ],
        });
      }
    } finally {
      jest.useRealTimers();
    }
  });
});

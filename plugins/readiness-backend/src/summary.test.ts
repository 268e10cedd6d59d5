import { mockServices } from '@backstage/backend-test-utils';
import {
  LevelDefinition,
  resourceKey,
  DEFAULT_LEVELS,
} from '@hatchway/plugin-readiness-common';
import { scoreFindings } from '@hatchway/plugin-readiness-node';
import { clustersConfig, startReadiness } from './__testUtils__/backend';
import { createTestDatabases } from './__testUtils__/databases';
import { completed, finding } from './__testUtils__/findings';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { FindingRecord, ResourceEntityRecord } from './database/types';
import { buildSnapshots } from './service/snapshots';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAY = 86_400_000;
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const levels: readonly LevelDefinition[] = DEFAULT_LEVELS;

const config = clustersConfig([
  { name: 'prod', url: 'http://127.0.0.1:1' },
  { name: 'dev', url: 'http://127.0.0.1:1' },
]);

/** shop-api (team-a) in namespace shop; billing (team-b) in namespace billing, prod only. */
function resources(cluster: string): ResourceEntityRecord[] {
  const key = (namespace: string, name: string) =>
    resourceKey({
      cluster,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace,
      name,
    });
  return [
    {
      resourceKey: key('shop', 'shop-api'),
      entityRef: 'component:default/shop-api',
      owner: TEAM_A,
    },
    // A second entity of the same team on the same resource: its findings count once for the team.
    {
      resourceKey: key('shop', 'shop-api'),
      entityRef: 'component:default/shop-worker',
      owner: TEAM_A,
    },
    {
      resourceKey: key('billing', 'billing'),
      entityRef: 'component:default/billing',
      owner: TEAM_B,
    },
  ];
}

/** A day's findings: shop-api fails `failing` of its four checks; billing always fails one. */
function findingsOf(cluster: string, failing: number): FindingRecord[] {
  const shop = ['a', 'b', 'c', 'd'].map((check, i) =>
    finding({
      checkId: `check-${check}`,
      status: i < failing ? 'failed' : 'passed',
    }),
  );
  if (cluster !== 'prod') return shop;
  return [
    ...shop,
    finding({
      checkId: 'check-a',
      severity: 'warning',
      resource: { namespace: 'billing', name: 'billing' },
    }),
    finding({
      checkId: 'check-b',
      status: 'passed',
      resource: { namespace: 'billing', name: 'billing' },
    }),
  ];
}

/** Days ago → how many of shop-api's checks fail, per cluster. */
const HISTORY: Array<{ daysAgo: number; prod: number; dev: number }> = [
  { daysAgo: 40, prod: 4, dev: 4 },
  { daysAgo: 2, prod: 3, dev: 0 },
  { daysAgo: 1, prod: 2, dev: 1 },
  { daysAgo: 0, prod: 1, dev: 1 },
];

const dayOf = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

/** The score a trend point should have: all matching findings of the day, scored at once. */
function expectedScore(
  daysAgo: number,
  select: (cluster: string, f: FindingRecord) => boolean,
) {
  const day = HISTORY.find(h => h.daysAgo === daysAgo)!;
  const all = (['prod', 'dev'] as const).flatMap(cluster =>
    findingsOf(cluster, day[cluster])
      .filter(f => select(cluster, f))
      .map(f => f.finding),
  );
  return scoreFindings(all, levels).score;
}

const inShop = (_: string, f: FindingRecord) =>
  f.finding.resource.namespace === 'shop';

describe.each(databases.eachSupportedId())('GET /summary on %s', id => {
  let api: Awaited<ReturnType<typeof startReadiness>>;

  beforeAll(async () => {
    const knex = await databases.init(id);
    api = await startReadiness({ config, knex });
    const store = await DatabaseReadinessStore.create({
      database: mockServices.database({ knex }),
    });
    // Scans on different days, oldest first, with the snapshots a scan builds.
    for (const { daysAgo, ...failing } of HISTORY) {
      for (const cluster of ['prod', 'dev'] as const) {
        const at = new Date(Date.now() - daysAgo * DAY);
        const findings = findingsOf(cluster, failing[cluster]);
        const score = scoreFindings(
          findings.map(f => f.finding),
          levels,
        );
        const scan = await store.scans.start(cluster, at);
        await store.scans.complete(
          completed(scan.id, cluster, findings, {
            finishedAt: at,
            score,
            resourceEntities: resources(cluster),
            snapshots: buildSnapshots(
              cluster,
              score,
              findings.map(f => f.finding),
              resources(cluster),
              levels,
            ),
          }),
        );
      }
    }
  });
  afterAll(() => api.backend.stop());

  const trendOf = async (query: string) => {
    const res = await api.get(`/summary?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const days = (points: Array<{ day: string }>) => points.map(p => p.day);

  it("traces a cluster's daily score over the last 30 days by default, oldest first", async () => {
    const body = await trendOf('cluster=prod');
    expect(body.days).toBe(30);
    expect(days(body.trend)).toEqual([dayOf(2), dayOf(1), dayOf(0)]);
    const inProd = (cluster: string) => cluster === 'prod';
    expect(body.trend.map((p: { score: number }) => p.score)).toEqual([
      expectedScore(2, inProd),
      expectedScore(1, inProd),
      expectedScore(0, inProd),
    ]);
    // Today's point is the score the summary shows now.
    expect(body.trend[2].score).toBe(body.score.score);
    expect(body.trend[2]).toMatchObject({
      level: body.score.level,
      total: body.score.total,
    });
  });

  it('narrows or widens the window with days', async () => {
    expect(days((await trendOf('cluster=prod&days=2')).trend)).toEqual([
      dayOf(1),
      dayOf(0),
    ]);
    const quarter = await trendOf('cluster=prod&days=90');
    expect(quarter.days).toBe(90);
    expect(days(quarter.trend)).toEqual([
      dayOf(40),
      dayOf(2),
      dayOf(1),
      dayOf(0),
    ]);
  });

  it('traces a namespace, in one cluster or across all', async () => {
    const prodShop = await trendOf('cluster=prod&namespace=shop');
    expect(prodShop.trend.map((p: { score: number }) => p.score)).toEqual(
      [2, 1, 0].map(d =>
        expectedScore(d, (c, f) => c === 'prod' && inShop(c, f)),
      ),
    );
    const shop = await trendOf('namespace=shop');
    expect(days(shop.trend)).toEqual([dayOf(2), dayOf(1), dayOf(0)]);
    expect(shop.trend.map((p: { score: number }) => p.score)).toEqual(
      [2, 1, 0].map(d => expectedScore(d, inShop)),
    );
    expect(shop.trend[2].score).toBe(shop.score.score);
  });

  it('traces an owning team from the snapshots scans write for owners', async () => {
    const teamA = await trendOf('owner=team-a');
    expect(teamA.filters).toEqual({ owner: TEAM_A });
    // shop-api maps to two of team-a's entities, and still counts once.
    expect(teamA.trend.map((p: { score: number }) => p.score)).toEqual(
      [2, 1, 0].map(d => expectedScore(d, inShop)),
    );
    expect(teamA.trend[2].total).toEqual(teamA.score.total);

    const teamAInDev = await trendOf('owner=team-a&cluster=dev');
    expect(teamAInDev.trend.map((p: { score: number }) => p.score)).toEqual(
      [2, 1, 0].map(d =>
        expectedScore(d, (c, f) => c === 'dev' && inShop(c, f)),
      ),
    );

    const teamB = await trendOf('owner=group:default/team-b');
    expect(teamB.trend).toHaveLength(3);
    expect(teamB.trend[2].total).toEqual({
      passed: 1,
      failed: 1,
      exempted: 0,
      skipped: 0,
    });
  });

  it('adds up every cluster when no scope is named', async () => {
    const everything = await trendOf('');
    expect(everything.trend.map((p: { score: number }) => p.score)).toEqual(
      [2, 1, 0].map(d => expectedScore(d, () => true)),
    );
    expect(everything.trend[2].total).toEqual(everything.score.total);
  });

  it('leaves the trend out where no snapshot covers the scope', async () => {
    const body = await trendOf('owner=team-a&namespace=shop');
    expect(body.score.total.failed).toBeGreaterThan(0);
    expect(body).not.toHaveProperty('trend');
    expect(body).not.toHaveProperty('days');
  });

  it('answers an empty trend for a scope nobody has scanned', async () => {
    const body = await trendOf('cluster=prod&namespace=nowhere');
    expect(body).toMatchObject({ days: 30, trend: [] });
  });

  it.each([['0'], ['366'], ['week'], ['1.5'], ['']])(
    'rejects days=%s',
    async value => {
      const res = await api.get(`/summary?cluster=prod&days=${value}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Invalid summary query: days/);
    },
  );
});

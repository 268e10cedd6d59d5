import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { resourceKey } from '@hatchway/plugin-readiness-common';
import { scoreFindings } from '@hatchway/plugin-readiness-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { completed, finding } from '../__testUtils__/findings';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const T0 = new Date('2026-03-01T10:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

async function storeFor(knex: Knex) {
  return DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
  });
}

const shopApiKey = resourceKey({
  cluster: 'prod',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'shop-api',
});

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore on %s',
  id => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      store = await storeFor(knex);
    });

    it('migrates down again cleanly', async () => {
      expect(await knex.schema.hasTable('readiness_findings')).toBe(true);
      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@hatchway/plugin-readiness-backend',
            'migrations',
          ),
        },
        true,
      );
      for (const table of [
        'readiness_scans',
        'readiness_findings',
        'readiness_resource_entities',
        'readiness_snapshots',
        'readiness_exemptions',
        'readiness_audit',
        'readiness_platform_components',
        'readiness_platform_history',
        'readiness_live_status',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    });

    it('replaces a cluster’s findings per scan and keeps them when a scan fails', async () => {
      const first = await store.scans.start('prod', T0);
      expect(first.status).toBe('running');
      await store.scans.complete(
        completed(first.id, 'prod', [
          finding(),
          finding({
            checkId: 'cpu-limits',
            severity: 'warning',
            container: 'api',
          }),
        ]),
      );
      const other = await store.scans.start('dev', T0);
      await store.scans.complete(completed(other.id, 'dev', [finding()]));

      const second = await store.scans.start('prod', hours(1));
      const done = await store.scans.complete(
        completed(second.id, 'prod', [finding({ status: 'passed' })]),
      );
      expect(done).toMatchObject({
        status: 'succeeded',
        score: 100,
        level: 'gold',
        findingCount: 1,
      });
      const prod = await store.findings.list({ cluster: 'prod' }, T0);
      expect(prod.items.map(f => [f.checkId, f.status, f.scanId])).toEqual([
        ['run-as-non-root', 'passed', second.id],
      ]);
      expect(
        (await store.findings.list({ cluster: 'dev' }, T0)).totalCount,
      ).toBe(1);

      const third = await store.scans.start('prod', hours(2));
      const failed = await store.scans.fail(
        third.id,
        hours(2),
        'connect ECONNREFUSED',
      );
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'connect ECONNREFUSED',
      });
      expect(
        (await store.findings.list({ cluster: 'prod' }, T0)).totalCount,
      ).toBe(1);

      const latest = await store.scans.latestByCluster();
      expect(latest.get('prod')?.lastScan?.id).toBe(third.id);
      expect(latest.get('prod')?.lastSuccessfulScan?.id).toBe(second.id);
      expect(latest.get('dev')?.lastScan?.id).toBe(other.id);
    });

    it('rolls a scan back whole when writing its results fails', async () => {
      const first = await store.scans.start('prod', T0);
      await store.scans.complete(completed(first.id, 'prod', [finding()]));
      const second = await store.scans.start('prod', hours(1));
      // Field paths that cannot be serialised make the write fail after the old rows are gone.
      const broken = finding({ checkId: 'cpu-limits' });
      (broken.finding as { fieldPaths: unknown }).fieldPaths = [BigInt(1)];
      await expect(
        store.scans.complete(completed(second.id, 'prod', [finding(), broken])),
      ).rejects.toThrow();
      const kept = await store.findings.list({ cluster: 'prod' }, T0);
      expect(kept.items.map(f => f.scanId)).toEqual([first.id]);
    });

    it('filters and counts findings by scope, owner, entity and effective status', async () => {
      const scan = await store.scans.start('prod', T0);
      await store.scans.complete(
        completed(
          scan.id,
          'prod',
          [
            finding(),
            finding({
              checkId: 'cpu-limits',
              severity: 'warning',
              category: 'efficiency',
              status: 'passed',
            }),
            finding({
              checkId: 'metadata-egress-blocked',
              category: 'networking',
              resource: {
                apiVersion: 'v1',
                kind: 'Namespace',
                name: 'shop',
                namespace: undefined,
              },
            }),
            finding({ resource: { namespace: 'legacy', name: 'legacy-web' } }),
            finding({
              checkId: 'image-tag',
              severity: 'warning',
              status: 'exempted',
              exemption: {
                source: 'config',
                id: 'gone',
                reason: 'r',
                expiresAt: hours(1).toISOString(),
              },
            }),
          ],
          {
            resourceEntities: [
              {
                resourceKey: shopApiKey,
                entityRef: 'component:default/shop-api',
                owner: 'group:default/team-a',
              },
            ],
          },
        ),
      );

      const ns = await store.findings.list({ namespace: 'shop' }, T0);
      expect(
        ns.items.map(f => `${f.resource.kind}/${f.checkId}`).sort(),
      ).toEqual([
        'Deployment/cpu-limits',
        'Deployment/image-tag',
        'Deployment/run-as-non-root',
        'Namespace/metadata-egress-blocked',
      ]);
      const owned = await store.findings.list(
        { owner: 'group:default/team-a' },
        T0,
      );
      expect(owned.totalCount).toBe(3);
      expect(owned.items[0]).toMatchObject({
        entityRefs: ['component:default/shop-api'],
        owners: ['group:default/team-a'],
      });
      expect(
        (
          await store.findings.list(
            { entityRef: 'component:default/other' },
            T0,
          )
        ).totalCount,
      ).toBe(0);

      // Before the exemption's expiry the image-tag failure is exempted; after it, failed again.
      expect(
        (await store.findings.list({ status: 'exempted' }, T0)).totalCount,
      ).toBe(1);
      const later = hours(2);
      expect(
        (await store.findings.list({ status: 'exempted' }, later)).totalCount,
      ).toBe(0);
      const failedLater = await store.findings.list(
        { status: 'failed', namespace: 'shop' },
        later,
      );
      expect(failedLater.items.map(f => f.checkId).sort()).toEqual([
        'image-tag',
        'metadata-egress-blocked',
        'run-as-non-root',
      ]);
      expect(
        failedLater.items.find(f => f.checkId === 'image-tag')?.exemption,
      ).toBeUndefined();

      const counts = await store.findings.count(
        { owner: 'group:default/team-a' },
        later,
      );
      expect(
        counts
          .map(c => `${c.severity}/${c.category}/${c.status}=${c.count}`)
          .sort(),
      ).toEqual([
        'danger/security/failed=1',
        'warning/efficiency/passed=1',
        'warning/security/failed=1',
      ]);

      const page = await store.findings.list({}, T0, { limit: 2, offset: 1 });
      expect(page.totalCount).toBe(5);
      expect(page.items).toHaveLength(2);
      // Danger first.
      expect(
        (await store.findings.list({}, T0, { limit: 1, offset: 0 })).items[0]
          .severity,
      ).toBe('danger');
    });

    it('keeps one snapshot per scope and day, and prunes old days', async () => {
      const snap = (score: ReturnType<typeof scoreFindings>) => [
        { scopeType: 'cluster' as const, scopeRef: 'prod', score },
        {
          scopeType: 'entity' as const,
          scopeRef: 'component:default/shop-api',
          score,
        },
      ];
      const failing = scoreFindings([
        finding().finding,
        finding({ status: 'passed' }).finding,
      ]);
      const passing = scoreFindings([finding({ status: 'passed' }).finding]);
      for (const [at, score] of [
        [new Date('2026-03-01T08:00:00Z'), failing],
        [new Date('2026-03-01T20:00:00Z'), passing],
        [new Date('2026-03-02T08:00:00Z'), failing],
      ] as const) {
        const scan = await store.scans.start('prod', at);
        await store.scans.complete(
          completed(scan.id, 'prod', [], {
            finishedAt: at,
            snapshots: snap(score),
          }),
        );
      }
      const trend = await store.snapshots.trend(
        { type: 'entity', ref: 'component:default/shop-api' },
        '2026-02-01',
      );
      expect(trend.map(p => [p.day, p.score.score])).toEqual([
        ['2026-03-01', 100],
        ['2026-03-02', 50],
      ]);
      expect(await store.snapshots.pruneBefore('2026-03-02')).toBe(2);
      expect(
        (
          await store.snapshots.trend(
            { type: 'cluster', ref: 'prod', cluster: 'prod' },
            '2026-01-01',
          )
        ).map(p => p.day),
      ).toEqual(['2026-03-02']);
      expect(
        await store.scans.pruneBefore(new Date('2026-03-02T00:00:00Z')),
      ).toBe(2);
    });

    it('applies a new exemption to stored failures at once, audits it, and releases them on delete', async () => {
      const scan = await store.scans.start('prod', T0);
      await store.scans.complete(
        completed(scan.id, 'prod', [
          finding(),
          finding({
            resource: { name: 'other-api' },
            labels: { app: 'other' },
          }),
          finding({ checkId: 'cpu-limits', severity: 'warning' }),
        ]),
      );
      const exemption = {
        id: 'ex-1',
        checkIds: ['run-as-non-root'],
        match: { cluster: 'prod', labels: { app: 'shop-api' } },
        reason: 'Image rebuilt next sprint',
        owner: 'group:default/team-a',
        expiresAt: hours(24).toISOString(),
        createdBy: 'user:default/jane',
        createdAt: T0.toISOString(),
      };
      await store.exemptions.create(exemption, T0);

      const exempted = await store.findings.list({ status: 'exempted' }, T0);
      expect(exempted.items.map(f => [f.resource.name, f.checkId])).toEqual([
        ['shop-api', 'run-as-non-root'],
      ]);
      expect(exempted.items[0].exemption).toEqual({
        source: 'config',
        id: 'ex-1',
        reason: 'Image rebuilt next sprint',
        owner: 'group:default/team-a',
        expiresAt: exemption.expiresAt,
      });
      expect(await store.exemptions.get('ex-1')).toEqual(exemption);
      expect((await store.exemptions.listActive(T0)).map(e => e.id)).toEqual([
        'ex-1',
      ]);
      expect(await store.exemptions.listActive(hours(25))).toEqual([]);
      expect(await store.exemptions.list()).toHaveLength(1);

      expect(
        await store.exemptions.delete('ex-1', 'user:default/joe', hours(1)),
      ).toBe(true);
      expect(
        await store.exemptions.delete('ex-1', 'user:default/joe', hours(1)),
      ).toBe(false);
      expect(
        (await store.findings.list({ status: 'failed' }, T0)).totalCount,
      ).toBe(3);
      expect(await store.exemptions.audit({ exemptionId: 'ex-1' })).toEqual([
        {
          actor: 'user:default/jane',
          action: 'exemption.create',
          exemptionId: 'ex-1',
          at: T0.toISOString(),
        },
        {
          actor: 'user:default/joe',
          action: 'exemption.delete',
          exemptionId: 'ex-1',
          at: hours(1).toISOString(),
        },
      ]);
    });
  },
);

import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { completed, finding } from '../__testUtils__/findings';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { FindingRecord } from './types';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const T0 = new Date('2026-03-01T10:00:00Z');
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const TTL = 20_000;

describe.each(databases.eachSupportedId())(
  'DatabaseLiveRepository on %s',
  id => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      store = await DatabaseReadinessStore.create({
        database: { getClient: async () => knex },
      });
    });

    it('lets one instance hold a cluster until it stops renewing or lets go', async () => {
      const { live } = store;
      expect(await live.acquire('prod', 'a', T0, TTL)).toBe(true);
      expect(await live.acquire('prod', 'b', seconds(1), TTL)).toBe(false);
      expect(await live.acquire('prod', 'a', seconds(10), TTL)).toBe(true);
      // Renewed at 10 s: still held at 25 s, taken over once it lapses.
      expect(await live.acquire('prod', 'b', seconds(25), TTL)).toBe(false);
      expect(await live.acquire('prod', 'b', seconds(31), TTL)).toBe(true);
      expect(await live.acquire('prod', 'a', seconds(32), TTL)).toBe(false);
      // Other clusters are leased on their own.
      expect(await live.acquire('dev', 'a', seconds(32), TTL)).toBe(true);
      await live.release('prod', 'b', seconds(33));
      expect(await live.acquire('prod', 'a', seconds(34), TTL)).toBe(true);
    });

    it('keeps the state the holder reports, and since when', async () => {
      const { live } = store;
      await live.acquire('prod', 'a', T0, TTL);
      await live.setState('prod', 'a', 'active', undefined, seconds(1));
      await live.setState('prod', 'a', 'active', undefined, seconds(2));
      // Not the holder: ignored.
      await live.setState('prod', 'b', 'degraded', 'no', seconds(3));
      expect(await live.statuses()).toEqual([
        expect.objectContaining({
          cluster: 'prod',
          holder: 'a',
          state: 'active',
          since: seconds(1),
        }),
      ]);
      await live.setState('prod', 'a', 'degraded', 'watch failed', seconds(4));
      expect((await live.statuses())[0]).toMatchObject({
        state: 'degraded',
        message: 'watch failed',
        since: seconds(4),
      });
    });

    it('replaces only the partitions it re-scores, touching only rows that changed', async () => {
      const { live } = store;
      const worker = (checkId: string, status: 'passed' | 'failed') =>
        finding({
          checkId,
          status,
          resource: { namespace: 'legacy', name: 'worker' },
        });
      const scanned: FindingRecord[] = [
        finding(),
        worker('run-as-non-root', 'failed'),
        worker('image-tag', 'failed'),
        finding({
          checkId: 'rbac-no-wildcards',
          resource: {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            namespace: undefined,
            name: 'everything',
          },
        }),
      ];
      const scan = await store.scans.start('prod', T0);
      await store.scans.complete(
        completed(scan.id, 'prod', scanned, {
          resourceEntities: [
            {
              resourceKey: 'prod|apps|Deployment|legacy|worker',
              entityRef: 'component:default/worker',
            },
          ],
        }),
      );
      await live.acquire('prod', 'a', T0, TTL);
      const update = {
        cluster: 'prod',
        updateId: 'live:1',
        at: seconds(1),
        partitions: ['legacy'],
        findings: [
          worker('run-as-non-root', 'passed'),
          worker('image-tag', 'failed'),
        ],
        resourceEntities: [
          {
            resourceKey: 'prod|apps|Deployment|legacy|worker',
            entityRef: 'component:default/worker',
            owner: 'group:default/team-a',
          },
        ],
      };
      // Another instance took the lease: nothing is written.
      expect(await live.rescore({ ...update, holder: 'b' })).toEqual({
        written: false,
        inserted: 0,
        deleted: 0,
      });
      expect(await live.rescore({ ...update, holder: 'a' })).toEqual({
        written: true,
        inserted: 1,
        deleted: 1,
      });
      const { items } = await store.findings.list({}, seconds(2));
      expect(
        items.map(f => [f.resource.name, f.checkId, f.status, f.scanId]),
      ).toEqual(
        expect.arrayContaining([
          ['shop-api', 'run-as-non-root', 'failed', scan.id],
          ['everything', 'rbac-no-wildcards', 'failed', scan.id],
          ['worker', 'image-tag', 'failed', scan.id],
          ['worker', 'run-as-non-root', 'passed', 'live:1'],
        ]),
      );
      expect(items).toHaveLength(4);
      // The mapping of the re-scored namespace follows too.
      expect(
        (
          await store.findings.list(
            { owner: 'group:default/team-a' },
            seconds(2),
          )
        ).items.map(f => f.resource.name),
      ).toEqual(['worker', 'worker']);
      // The same again changes nothing.
      expect(
        await live.rescore({ ...update, holder: 'a', updateId: 'live:2' }),
      ).toEqual({ written: true, inserted: 0, deleted: 0 });
      // The cluster-scoped partition is replaced without the Namespace objects' findings.
      await live.rescore({
        ...update,
        holder: 'a',
        updateId: 'live:3',
        partitions: [''],
        findings: [],
        resourceEntities: [],
      });
      const after = await store.findings.list({}, seconds(2));
      expect(after.items.map(f => f.resource.name).sort()).toEqual([
        'shop-api',
        'worker',
        'worker',
      ]);
    });
  },
);

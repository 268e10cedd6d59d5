import { mockServices } from '@backstage/backend-test-utils';
import { scoreFindings } from '@hatchway/plugin-readiness-node';
import { clustersConfig, startReadiness } from './__testUtils__/backend';
import { createTestDatabases } from './__testUtils__/databases';
import { deadClusterConfig as config } from './__testUtils__/deadCluster';
import { completed, finding } from './__testUtils__/findings';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';

jest.setTimeout(60_000);

// Backstage's default test database leaves a handle open; TestDatabases cleans up after itself.
const databases = createTestDatabases();
const sqlite = () => databases.init('SQLITE_3');

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

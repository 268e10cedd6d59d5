import {
  ComponentHealth,
  ComponentStatus,
} from '@hatchway/plugin-readiness-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { completed } from '../__testUtils__/findings';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { PlatformRecord } from './types';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const T0 = new Date('2026-03-01T10:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function status(name: string, health: ComponentHealth): ComponentStatus {
  return {
    name,
    title: name,
    health,
    reasons: health === 'Healthy' ? [] : [`${name} is ${health}`],
    workloads: [],
    pods: [],
    warnings: [],
  };
}

function board(
  healths: Record<string, ComponentHealth>,
  entityRefs: Record<string, string[]> = {},
): PlatformRecord {
  const components = Object.entries(healths).map(([name, health]) => ({
    status: status(name, health),
    entityRefs: entityRefs[name] ?? [],
  }));
  const healthy = components.filter(c => c.status.health === 'Healthy');
  return {
    readyPercent: Math.floor((100 * healthy.length) / components.length),
    components,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabasePlatformRepository on %s',
  id => {
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      const knex = await databases.init(id);
      store = await DatabaseReadinessStore.create({
        database: { getClient: async () => knex },
      });
    });

    async function scanAt(
      at: Date,
      platform: PlatformRecord,
      cluster = 'prod',
    ) {
      const scan = await store.scans.start(cluster, at);
      await store.scans.complete(
        completed(scan.id, cluster, [], { finishedAt: at, platform }),
      );
      return scan.id;
    }

    it('keeps `since` while the health holds, and appends a history row per scan', async () => {
      await scanAt(T0, board({ kyverno: 'Degraded', argocd: 'Missing' }));
      const second = await scanAt(
        days(1),
        board({ kyverno: 'Degraded', argocd: 'Healthy' }),
      );
      const stored = await store.platform.components('prod');
      expect(
        stored.map(s => [s.status.name, s.status.health, s.since, s.scanId]),
      ).toEqual([
        ['argocd', 'Healthy', days(1).toISOString(), second],
        ['kyverno', 'Degraded', T0.toISOString(), second],
      ]);
      expect(await store.platform.history('prod', T0)).toEqual([
        expect.objectContaining({
          at: T0.toISOString(),
          readyPercent: 0,
          healthy: 0,
          expected: 2,
          components: { kyverno: 'Degraded', argocd: 'Missing' },
        }),
        expect.objectContaining({
          scanId: second,
          at: days(1).toISOString(),
          readyPercent: 50,
          healthy: 1,
        }),
      ]);
      expect(
        (await store.platform.history('prod', days(0.5))).map(p => p.scanId),
      ).toEqual([second]);
      expect((await store.platform.latest('prod'))?.scanId).toBe(second);
      expect(await store.platform.latest('other')).toBeUndefined();
    });

    it('clears the board, without a history row, when nothing is expected any more', async () => {
      await scanAt(T0, board({ kyverno: 'Healthy' }));
      await scanAt(days(1), { readyPercent: 100, components: [] });
      expect(await store.platform.components('prod')).toEqual([]);
      expect(await store.platform.history('prod', T0)).toHaveLength(1);
    });

    it('finds the components shown on an entity, whatever the case of its ref', async () => {
      await scanAt(
        T0,
        board(
          { grafana: 'Healthy', kyverno: 'Degraded' },
          { grafana: ['component:default/Grafana'] },
        ),
      );
      await scanAt(
        T0,
        board(
          { grafana: 'Missing' },
          { grafana: ['component:default/Grafana'] },
        ),
        'stage',
      );
      const found = await store.platform.componentsOfEntity(
        'component:default/grafana',
      );
      expect(found.map(f => [f.cluster, f.status.health])).toEqual([
        ['prod', 'Healthy'],
        ['stage', 'Missing'],
      ]);
    });

    it('leaves the board alone when the scan write fails, and prunes old history', async () => {
      await scanAt(T0, board({ kyverno: 'Healthy' }));
      const failing = await store.scans.start('prod', days(1));
      const broken = board({ kyverno: 'Degraded' });
      // A value JSON cannot hold makes the write fail after the old rows are deleted.
      (broken.components[0].status as any).pods = [{ restarts: BigInt(1) }];
      await expect(
        store.scans.complete(
          completed(failing.id, 'prod', [], {
            finishedAt: days(1),
            platform: broken,
          }),
        ),
      ).rejects.toThrow();
      const [kept] = await store.platform.components('prod');
      expect(kept.status.health).toBe('Healthy');
      expect(await store.platform.history('prod', T0)).toHaveLength(1);

      await scanAt(days(100), board({ kyverno: 'Healthy' }));
      expect(await store.platform.pruneBefore(days(10))).toBe(1);
      expect((await store.platform.history('prod', T0)).map(p => p.at)).toEqual(
        [days(100).toISOString()],
      );
    });
  },
);

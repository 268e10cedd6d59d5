import { TestDatabases } from '@backstage/backend-test-utils';
import { RunningEmulator } from '@hatchway/kube-emulator';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createTestDatabases } from './__testUtils__/databases';
import { adminKubeConfig, startHostEmulator } from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';
const BOB = 'user:default/bob';

describe('vCluster requests', () => {
  const databases: TestDatabases = createTestDatabases();
  let emulator: RunningEmulator;
  let host: KubeConfig;

  beforeAll(async () => {
    emulator = await startHostEmulator();
    host = adminKubeConfig(emulator);
  });
  afterAll(() => emulator.close());

  const vclusterNamespaces = async () =>
    (await host.makeApiClient(CoreV1Api).listNamespace()).items
      .map(n => n.metadata!.name!)
      .filter(n => n.startsWith('vcluster-'));

  it.each(databases.eachSupportedId())(
    'answers 20 parallel creates at a quota of 3 with exactly 3 created and 17×429, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Reconciling is not what this test is about: no host cluster work, DB only.
      const { backend, as } = await startVClusterBackend({
        knex,
        config: hostClusterConfig(emulator.server.url, {
          quotas: { perUser: 3 },
          reconcile: { resyncSeconds: 3600, leaseSeconds: 10 },
        }),
      });
      try {
        const tag = databaseId.toLowerCase().replace(/_/g, '');
        const responses = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            as(JANE).post('/clusters', { name: `q${tag}-${i}`, size: 'small' }),
          ),
        );
        const statuses = responses.map(r => r.status).sort();
        expect(statuses.filter(s => s === 202)).toHaveLength(3);
        expect(statuses.filter(s => s === 429)).toHaveLength(17);
        const rejected = responses.find(r => r.status === 429)!;
        expect(rejected.body.error).toMatchObject({
          name: 'QuotaExceededError',
          message: `${JANE} has 3 vClusters; quota perUser allows 3`,
        });
        const mine = await as(JANE).get(
          `/clusters?owner=${encodeURIComponent(JANE)}`,
        );
        expect(mine.body.totalCount).toBe(3);

        // Another user's quota is their own; a taken name is 409.
        const taken = responses.find(r => r.status === 202)!.body.name;
        const conflict = await as(BOB).post('/clusters', {
          name: taken,
          size: 'small',
        });
        expect(conflict.status).toBe(409);
        expect(conflict.body.error.message).toBe(
          `A vCluster named '${taken}' exists`,
        );

        // Bob sees none of Jane's vClusters; Jane pages through hers.
        expect((await as(BOB).get('/clusters')).body).toEqual({
          items: [],
          totalCount: 0,
        });
        const first = await as(JANE).get('/clusters?limit=2');
        expect(first.body.items).toHaveLength(2);
        const second = await as(JANE).get(
          `/clusters?limit=2&cursor=${first.body.nextCursor}`,
        );
        expect(second.body.items).toHaveLength(1);
        expect(second.body.nextCursor).toBeUndefined();
        const names = [...first.body.items, ...second.body.items].map(
          (c: any) => c.name,
        );
        expect(new Set(names).size).toBe(3);
      } finally {
        await backend.stop();
      }
    },
  );

  it('refuses invalid names, sizes, TTLs and owners with 400/403 and creates nothing', async () => {
    const knex = await databases.init('SQLITE_3');
    const { backend, as } = await startVClusterBackend({
      knex,
      config: hostClusterConfig(emulator.server.url),
    });
    try {
      const before = await vclusterNamespaces();
      const cases: Array<[object, number, RegExp]> = [
        [{ name: 'Bad_Name', size: 'small' }, 400, /lower-case letters/],
        [{ name: 'a'.repeat(53), size: 'small' }, 400, /at most 52 characters/],
        [{ name: '1abc', size: 'small' }, 400, /start with a letter/],
        [
          { name: 'ok', size: 'huge' },
          400,
          /Unknown size 'huge'; use one of: small, medium, large/,
        ],
        [
          { name: 'ok', size: 'small', ttlHours: 73 },
          400,
          /at most 72 for size 'small', got 73/,
        ],
        [{ name: 'ok', size: 'small', ttlHours: -1 }, 400, /ttlHours/],
        [
          { name: 'ok', size: 'small', cluster: 'elsewhere' },
          400,
          /not a vCluster host cluster/,
        ],
        [{ name: 'ok', size: 'small', extra: 1 }, 400, /Unrecognized key/],
        [
          { name: 'ok', size: 'small', owner: 'group:default/team-b' },
          403,
          /only for yourself or your groups/,
        ],
      ];
      for (const [body, status, message] of cases) {
        const res = await as(JANE).post('/clusters', body);
        expect({ body, status: res.status }).toEqual({ body, status });
        expect(res.body.error.message).toMatch(message);
      }
      expect((await as(JANE).get('/clusters')).body.totalCount).toBe(0);
      expect(await vclusterNamespaces()).toEqual(before);

      expect((await as(JANE).get('/clusters/nope')).status).toBe(404);
      expect((await as(JANE).get('/clusters?limit=0')).status).toBe(400);
      expect((await as(JANE).get('/clusters?cursor=zzz')).status).toBe(400);
      const config = await as(JANE).get('/config');
      expect(config.body).toEqual({
        hostClusters: ['host'],
        defaultCluster: 'host',
        sizes: [
          expect.objectContaining({
            name: 'small',
            description:
              '2 CPUs, 4Gi memory requested; 8 hours by default, at most 3 days',
            defaultTtlHours: 8,
            maxTtlHours: 72,
          }),
          expect.objectContaining({
            name: 'medium',
            defaultTtlHours: 24,
            maxTtlHours: 168,
          }),
          expect.objectContaining({
            name: 'large',
            description:
              '8 CPUs, 16Gi memory requested; 3 days by default, at most 2 weeks',
          }),
        ],
        defaultSize: 'small',
        nameMaxLength: 52,
      });
    } finally {
      await backend.stop();
    }
  });
});

import { RunningEmulator } from '@hatchway/kube-emulator';
import { createTestDatabases } from './__testUtils__/databases';
import { notificationRecorder, skippingClock } from './__testUtils__/recorders';
import { eventually, startHostEmulator } from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';
const HOUR_MS = 3_600_000;
/** Long enough for housekeeping (every second here) to run twice more. */
const TWO_HOUSEKEEPING_RUNS_MS = 2_500;

describe('TTL warnings', () => {
  const databases = createTestDatabases();
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startHostEmulator();
  });
  afterAll(() => emulator.close());

  it.each(databases.eachSupportedId())(
    'tell the owner a day and an hour before the TTL deletes the vCluster, once each, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { sent, factory: recorder } = notificationRecorder();
      // The plugin's clock jumps to a TTL's last day and hour; the rest keeps real time.
      const clock = skippingClock();
      const { backend, as } = await startVClusterBackend({
        knex,
        config: hostClusterConfig(emulator.server.url, {
          idle: { sleepAfterMinutes: 0 },
          reconcile: {
            resyncSeconds: 1,
            housekeepingSeconds: 1,
            leaseSeconds: 10,
          },
        }),
        extraFeatures: [recorder, clock.factory],
      });
      const name = `ttl-${databaseId.toLowerCase().replace(/_/g, '')}`;
      const warnings = () =>
        sent.filter(n => n.payload.title.includes('will be deleted'));
      const settle = () =>
        new Promise(resolve => setTimeout(resolve, TWO_HOUSEKEEPING_RUNS_MS));
      try {
        const created = await as(JANE).post('/clusters', {
          name,
          size: 'small',
          ttlHours: 72,
        });
        expect(created.status).toBe(202);
        const expiresAt = created.body.expiresAt;
        await eventually(async () => {
          const res = await as(JANE).get(`/clusters/${name}`);
          return res.body.phase === 'Ready' ? true : undefined;
        }, 'Ready');
        await settle();
        expect(warnings()).toEqual([]);

        // 23 h 59 min left: the day warning, once.
        clock.skipMs = 48 * HOUR_MS + 60_000;
        await eventually(
          async () => (warnings().length ? true : undefined),
          'the day warning',
        );
        await settle();
        expect(warnings()).toHaveLength(1);
        expect(warnings()[0]).toEqual({
          recipients: { type: 'entity', entityRef: JANE },
          payload: {
            title: `vCluster ${name} will be deleted within a day`,
            description: `Its TTL ends at ${expiresAt}. Extend it from its page to keep it.`,
            severity: 'normal',
            link: `/vclusters/${name}`,
            topic: 'vcluster',
            scope: `vcluster:${name}:vCluster ${name} will be deleted within a day`,
          },
        });

        // 59 min left: the hour warning, once, louder.
        clock.skipMs = 71 * HOUR_MS + 60_000;
        await eventually(
          async () => (warnings().length === 2 ? true : undefined),
          'the hour warning',
        );
        await settle();
        expect(warnings()).toHaveLength(2);
        expect(warnings()[1].payload).toMatchObject({
          title: `vCluster ${name} will be deleted within an hour`,
          severity: 'high',
          link: `/vclusters/${name}`,
        });

        // The TTL ends: the vCluster is deleted, and no further warning is sent.
        clock.skipMs = 72 * HOUR_MS + 60_000;
        await eventually(
          async () =>
            (await as(JANE).get(`/clusters/${name}`)).status === 404
              ? true
              : undefined,
          'deleted by the TTL',
          40_000,
        );
        expect(warnings()).toHaveLength(2);
        expect(sent.every(n => n.payload.link === `/vclusters/${name}`)).toBe(
          true,
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it('warns again after the owner extends the TTL, and never a day ahead when the TTL was shorter', async () => {
    const knex = await databases.init('SQLITE_3');
    const { sent, factory: recorder } = notificationRecorder();
    const clock = skippingClock();
    const { backend, as } = await startVClusterBackend({
      knex,
      config: hostClusterConfig(emulator.server.url, {
        idle: { sleepAfterMinutes: 0 },
        reconcile: { resyncSeconds: 1, housekeepingSeconds: 1 },
      }),
      extraFeatures: [recorder, clock.factory],
    });
    const titles = () =>
      sent
        .map(n => n.payload.title)
        .filter(title => title.includes('will be deleted'));
    try {
      // Small's default TTL is 8 hours: born inside its last day, it gets no day warning.
      await as(JANE).post('/clusters', { name: 'short', size: 'small' });
      await as(JANE).post('/clusters', {
        name: 'extended',
        size: 'small',
        ttlHours: 30,
      });
      clock.skipMs = 7 * HOUR_MS + 60_000;
      await eventually(
        async () =>
          titles().includes('vCluster short will be deleted within an hour')
            ? true
            : undefined,
        "short's hour warning",
      );
      expect(titles().sort()).toEqual([
        'vCluster extended will be deleted within a day',
        'vCluster short will be deleted within an hour',
      ]);

      // Extending starts the warnings over: a new day warning when the new last day comes.
      const extended = await as(JANE).post('/clusters/extended/ttl', {
        ttlHours: 72,
      });
      expect(extended.status).toBe(200);
      clock.skipMs += 48 * HOUR_MS + 60_000;
      await eventually(
        async () =>
          titles().filter(
            t => t === 'vCluster extended will be deleted within a day',
          ).length === 2
            ? true
            : undefined,
        'a second day warning after the extension',
      );
    } finally {
      await backend.stop();
    }
  });
});

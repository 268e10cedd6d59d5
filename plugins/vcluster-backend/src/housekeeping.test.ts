import { RunningEmulator } from '@hatchway/kube-emulator';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { createTestDatabases } from './__testUtils__/databases';
import { notificationRecorder } from './__testUtils__/recorders';
import { eventually, startHostEmulator } from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';

describe('TTL expiry, idle sleep, usage and owner notifications', () => {
  const databases = createTestDatabases();
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startHostEmulator();
  });
  afterAll(() => emulator.close());

  it.each(databases.eachSupportedId())('on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    const { sent, factory: recorder } = notificationRecorder();
    const { backend, as } = await startVClusterBackend({
      knex,
      config: hostClusterConfig(emulator.server.url, {
        idle: { sleepAfterMinutes: 0.15 }, // 9 s
        reconcile: {
          resyncSeconds: 1,
          housekeepingSeconds: 1,
          leaseSeconds: 10,
        },
      }),
      extraFeatures: [recorder],
    });
    const tag = databaseId.toLowerCase().replace(/_/g, '');
    const phase = (name: string) =>
      as(JANE)
        .get(`/clusters/${name}`)
        .then(r => r.body.phase ?? r.status);
    try {
      const [expiring, idle, busy] = [
        `ttl-${tag}`,
        `idle-${tag}`,
        `busy-${tag}`,
      ];
      await as(JANE).post('/clusters', {
        name: expiring,
        size: 'small',
        ttlHours: 0.002,
      }); // 7.2 s
      await as(JANE).post('/clusters', { name: idle, size: 'small' });
      await as(JANE).post('/clusters', { name: busy, size: 'small' });
      await eventually(
        async () => ((await phase(busy)) === 'Ready' ? true : undefined),
        'busy Ready',
      );

      // A workload with requests runs inside `busy`, which keeps it awake and shows as usage.
      const inner = new KubeConfig();
      inner.loadFromString(
        (await as(JANE).get(`/clusters/${busy}/kubeconfig`)).text,
      );
      await inner.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace: 'default',
        body: {
          metadata: { name: 'api' },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'api' } },
            template: {
              metadata: { labels: { app: 'api' } },
              spec: {
                containers: [
                  {
                    name: 'api',
                    image: 'api:1',
                    resources: { requests: { cpu: '250m', memory: '64Mi' } },
                  },
                ],
              },
            },
          },
        },
      });

      await eventually(
        async () => ((await phase(expiring)) === 404 ? true : undefined),
        'TTL deletion',
        40_000,
      );
      await eventually(
        async () => ((await phase(idle)) === 'Sleeping' ? true : undefined),
        'idle sleep',
        40_000,
      );
      const stillBusy = (await as(JANE).get(`/clusters/${busy}`)).body;
      expect(stillBusy.phase).toBe('Ready');
      expect(stillBusy.usage).toMatchObject({
        cpuRequestsMillicores: 500,
        memoryRequestsBytes: 2 * 64 * 2 ** 20,
      });

      const audit = (await as('user:default/root').get('/audit?limit=100')).body
        .items;
      const system = audit.filter((e: any) => e.actor === 'system:vcluster');
      expect(system.map((e: any) => `${e.action} ${e.cluster}`).sort()).toEqual(
        [`idle-sleep ${idle}`, `ttl-expired ${expiring}`].sort(),
      );

      const titles = sent.map(
        n =>
          `${(n.recipients as { entityRef: string }).entityRef} ${
            n.payload.title
          } ${n.payload.link}`,
      );
      expect(titles).toEqual(
        expect.arrayContaining([
          `${JANE} vCluster ${busy} is ready /vclusters/${busy}`,
          `${JANE} vCluster ${idle} was put to sleep /vclusters/${idle}`,
        ]),
      );
    } finally {
      await backend.stop();
    }
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import { RunningEmulator } from '@hatchway/kube-emulator';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createTestDatabases } from './__testUtils__/databases';
import {
  adminKubeConfig,
  eventually,
  startHostEmulator,
} from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';
const ANN = 'user:default/ann'; // jane's team mate in team-a
const BOB = 'user:default/bob'; // another team

describe('vCluster life cycle on the emulator', () => {
  const databases: TestDatabases = createTestDatabases();
  let emulator: RunningEmulator;
  let host: KubeConfig;

  beforeAll(async () => {
    emulator = await startHostEmulator();
    host = adminKubeConfig(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it.each(databases.eachSupportedId())(
    'create → Ready → kubeconfig works → sleep → wake → delete, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, as } = await startVClusterBackend({
        knex,
        config: hostClusterConfig(emulator.server.url),
      });
      const name = `life-${databaseId.toLowerCase().replace(/_/g, '')}`;
      try {
        const created = await as(JANE).post('/clusters', {
          name,
          size: 'small',
          owner: 'group:default/team-a',
        });
        expect(created.status).toBe(202);
        expect(created.body).toMatchObject({
          name,
          phase: 'Provisioning',
          owner: 'group:default/team-a',
          namespace: `vcluster-${name}`,
          entityRef: `resource:default/vcluster-${name}`,
        });

        const ready = await eventually(async () => {
          const res = await as(JANE).get(`/clusters/${name}`);
          if (res.body.phase === 'Ready') return res.body;
          throw new Error(JSON.stringify(res.body));
        }, 'Ready');
        expect(ready.readyAt).toEqual(expect.any(String));

        // Another team may not touch it; a member of the owning group may.
        for (const denied of [
          as(BOB).get(`/clusters/${name}/kubeconfig`),
          as(BOB).post(`/clusters/${name}/sleep`),
          as(BOB).del(`/clusters/${name}`),
        ]) {
          expect((await denied).status).toBe(403);
        }
        const download = await as(ANN).get(`/clusters/${name}/kubeconfig`);
        expect(download.status).toBe(200);
        expect(download.headers['content-disposition']).toBe(
          `attachment; filename="${name}.kubeconfig.yaml"`,
        );
        expect(download.headers['cache-control']).toBe('no-store');

        // The downloaded kubeconfig reaches the nested cluster.
        const inner = new KubeConfig();
        inner.loadFromString(download.text);
        const innerCore = inner.makeApiClient(CoreV1Api);
        const namespaces = await innerCore.listNamespace();
        expect(namespaces.items.map(n => n.metadata?.name)).toContain(
          'default',
        );
        await inner.makeApiClient(AppsV1Api).createNamespacedDeployment({
          namespace: 'default',
          body: {
            metadata: { name: 'web' },
            spec: {
              selector: { matchLabels: { app: 'web' } },
              template: {
                metadata: { labels: { app: 'web' } },
                spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
              },
            },
          },
        });

        // Sleep: scaled to 0 with the pause annotations.
        expect((await as(JANE).post(`/clusters/${name}/sleep`)).status).toBe(
          202,
        );
        await eventually(async () => {
          const res = await as(JANE).get(`/clusters/${name}`);
          return res.body.phase === 'Sleeping' ? true : undefined;
        }, 'Sleeping');
        const apps = host.makeApiClient(AppsV1Api);
        const slept = await apps.readNamespacedStatefulSet({
          name,
          namespace: `vcluster-${name}`,
        });
        expect(slept.spec?.replicas).toBe(0);
        expect(slept.metadata?.annotations).toMatchObject({
          'loft.sh/paused': 'true',
          'loft.sh/paused-replicas': '1',
          'loft.sh/paused-date': expect.any(String),
        });
        expect(
          (await as(JANE).get(`/clusters/${name}/kubeconfig`)).status,
        ).toBe(409);

        // Wake: the Deployment made before sleeping is still there.
        expect((await as(ANN).post(`/clusters/${name}/wake`)).status).toBe(202);
        await eventually(async () => {
          const res = await as(JANE).get(`/clusters/${name}`);
          return res.body.phase === 'Ready' ? true : undefined;
        }, 'Ready after wake');
        const again = new KubeConfig();
        again.loadFromString(
          (await as(JANE).get(`/clusters/${name}/kubeconfig`)).text,
        );
        const kept = await again
          .makeApiClient(AppsV1Api)
          .readNamespacedDeployment({ name: 'web', namespace: 'default' });
        expect(kept.metadata?.name).toBe('web');

        // Delete: the namespace goes, then the vCluster.
        const deleting = await as(ANN).del(`/clusters/${name}`);
        expect(deleting.status).toBe(202);
        expect(deleting.body.phase).toBe('Deleting');
        await eventually(async () => {
          const res = await as(JANE).get(`/clusters/${name}`);
          return res.status === 404 ? true : undefined;
        }, 'the vCluster gone');
        await expect(
          host
            .makeApiClient(CoreV1Api)
            .readNamespace({ name: `vcluster-${name}` }),
        ).rejects.toMatchObject({ code: 404 });

        // Every owner action is in the audit log, for admins only.
        expect((await as(JANE).get('/audit')).status).toBe(403);
        const audit = await as('user:default/root').get(
          `/audit?cluster=${name}`,
        );
        expect(
          audit.body.items
            .map((e: any) => `${e.actor} ${e.action} ${e.result}`)
            .reverse(),
        ).toEqual([
          `${JANE} create succeeded`,
          `${ANN} kubeconfig-download succeeded`,
          `${JANE} sleep succeeded`,
          `${JANE} kubeconfig-download failed`,
          `${ANN} wake succeeded`,
          `${JANE} kubeconfig-download succeeded`,
          `${ANN} delete succeeded`,
        ]);
        expect(JSON.stringify(audit.body)).not.toMatch(
          /client-key|token|BEGIN/,
        );
      } finally {
        await backend.stop();
      }
    },
  );
});

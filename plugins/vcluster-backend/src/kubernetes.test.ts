import { mockCredentials } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import { RunningEmulator } from '@hatchway/kube-emulator';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startHostEmulator } from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';
import { kubernetesModuleVClusterClusters } from './kubernetes/kubernetesModule';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';

/** A catalog Component whose workloads carry `backstage.io/kubernetes-id: shop`. */
const SHOP_COMPONENT = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop
  annotations:
    backstage.io/kubernetes-id: shop
spec: { type: service, lifecycle: production, owner: group:default/team-a }
`;

describe('Ready vClusters as clusters of the Kubernetes plugin', () => {
  let emulator: RunningEmulator;
  let catalogDir: string;

  beforeAll(async () => {
    emulator = await startHostEmulator();
    catalogDir = await mkdtemp(join(tmpdir(), 'vcluster-kubernetes-'));
    await writeFile(join(catalogDir, 'shop.yaml'), SHOP_COMPONENT);
  });
  afterAll(async () => {
    await emulator.close();
    await rm(catalogDir, { recursive: true, force: true });
  });

  it('adds a Ready vCluster beside the configured clusters, shows its workloads for an entity, and drops it once deleted', async () => {
    const base = hostClusterConfig(emulator.server.url, {
      kubernetes: { refreshSeconds: 1 },
    });
    const { backend, api, as } = await startVClusterBackend({
      config: {
        ...base,
        kubernetes: {
          ...base.kubernetes,
          serviceLocatorMethod: { type: 'multiTenant' },
        },
        catalog: {
          rules: [{ allow: ['Component'] }],
          locations: [{ type: 'file', target: join(catalogDir, 'shop.yaml') }],
        },
      },
      extraFeatures: [
        kubernetesBackend,
        kubernetesModuleVClusterClusters,
        catalogBackend,
      ],
    });
    const asJane = mockCredentials.user.header(JANE);
    const clusterNames = async () => {
      const res = await api
        .get('/api/kubernetes/clusters')
        .set('Authorization', asJane);
      expect(res.status).toBe(200);
      return {
        names: (res.body.items as Array<{ name: string }>).map(c => c.name),
        text: res.text,
      };
    };
    try {
      expect((await clusterNames()).names).toEqual(['host']);

      await as(JANE).post('/clusters', { name: 'shop', size: 'small' });
      await eventually(async () => {
        const res = await as(JANE).get('/clusters/shop');
        return res.body.phase === 'Ready' ? true : undefined;
      }, 'Ready');
      const listed = await eventually(async () => {
        const now = await clusterNames();
        return now.names.includes('vcluster-shop') ? now : undefined;
      }, 'vcluster-shop among the Kubernetes clusters');
      expect(listed.names).toEqual(['host', 'vcluster-shop']);

      // A Deployment made inside the vCluster with the owner's kubeconfig.
      const kubeconfig = await as(JANE).get('/clusters/shop/kubeconfig');
      expect(kubeconfig.status).toBe(200);
      const inside = new KubeConfig();
      inside.loadFromString(kubeconfig.text);
      // The token the plugin authenticates with is never presented.
      expect(listed.text).not.toContain(inside.getCurrentUser()!.token!);
      await inside.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace: 'default',
        body: {
          metadata: {
            name: 'shop-web',
            labels: { 'backstage.io/kubernetes-id': 'shop' },
          },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'shop-web' } },
            template: {
              metadata: {
                labels: {
                  app: 'shop-web',
                  'backstage.io/kubernetes-id': 'shop',
                },
              },
              spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
            },
          },
        },
      });
      // The entity's Kubernetes tab: the plugin's own answer for the catalog entity holds the
      // Deployment found inside the vCluster by its backstage.io/kubernetes-id label.
      const deployments = await eventually(async () => {
        const res = await api
          .post('/api/kubernetes/services/shop')
          .set('Authorization', asJane)
          .send({
            entity: {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'shop', namespace: 'default' },
            },
          });
        if (res.status !== 200) {
          throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        }
        const inVCluster = (
          res.body.items as Array<{
            cluster: { name: string };
            errors: unknown[];
            resources: Array<{ type: string; resources: any[] }>;
          }>
        ).find(item => item.cluster.name === 'vcluster-shop');
        const found = inVCluster?.resources.find(r => r.type === 'deployments');
        if (!found?.resources.length) {
          throw new Error(
            JSON.stringify(inVCluster ?? res.body).slice(0, 2000),
          );
        }
        return found.resources;
      }, "the Deployment in the Kubernetes plugin's answer for the entity");
      expect(deployments.map(d => d.metadata.name)).toEqual(['shop-web']);

      await as(JANE).del('/clusters/shop').expect(202);
      await eventually(async () => {
        const now = await clusterNames();
        return now.names.includes('vcluster-shop') ? undefined : now;
      }, 'vcluster-shop gone');
      expect((await clusterNames()).names).toEqual(['host']);
    } finally {
      await backend.stop();
    }
  });

  it('hands vCluster credentials to the Kubernetes plugin only', async () => {
    const { backend, api } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url),
    });
    try {
      const get = (authorization: string) =>
        api
          .get('/api/vcluster/kubernetes/clusters')
          .set('Authorization', authorization);
      const service = (subject: string) =>
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service(subject),
          targetPluginId: 'vcluster',
        });
      expect((await get(mockCredentials.user.header(JANE))).status).toBe(403);
      expect(
        (await get(mockCredentials.user.header('user:default/root'))).status,
      ).toBe(403);
      expect((await get(service('plugin:catalog'))).status).toBe(403);
      const allowed = await get(service('plugin:kubernetes'));
      expect(allowed.status).toBe(200);
      expect(allowed.headers['cache-control']).toBe('no-store');
      expect(allowed.body).toEqual({ items: [] });
    } finally {
      await backend.stop();
    }
  });

  it('asks the host cluster once per Ready period, and again after a wake', async () => {
    // No periodic resync: after Ready only the connections read the vCluster's Secret.
    const { backend, api, as } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url, {
        reconcile: { resyncSeconds: 3600, housekeepingSeconds: 3600 },
      }),
    });
    const connections = async () => {
      const res = await api.get('/api/vcluster/kubernetes/clusters').set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:kubernetes'),
          targetPluginId: 'vcluster',
        }),
      );
      return res.body.items as Array<{ name: string; url: string }>;
    };
    const ready = () =>
      eventually(async () => {
        const res = await as(JANE).get('/clusters/conn');
        return res.body.phase === 'Ready' ? true : undefined;
      }, 'Ready');
    const serverOfKubeconfig = async () => {
      const kc = new KubeConfig();
      kc.loadFromString((await as(JANE).get('/clusters/conn/kubeconfig')).text);
      return kc.getCurrentCluster()!.server;
    };
    // Matches every read of a Secret at the emulator, to count them.
    const secretReads = emulator.server.faults.add({
      verb: 'get',
      resource: 'secrets',
      latencyMs: 0,
    });
    const reads = () =>
      emulator.server.faults.list().find(f => f.id === secretReads.id)!.hits;
    // The resync and housekeeping run once soon after start (each reads a Ready vCluster's
    // Secret); the scheduler picks them up within a few seconds, so wait for both first runs.
    const scheduledTasksRanOnce = () =>
      eventually(async () => {
        const res = await api
          .get('/api/vcluster/.backstage/scheduler/v1/tasks')
          .set('Authorization', mockCredentials.service.header());
        const tasks = res.body.tasks as Array<{
          taskState: { lastRunEndedAt?: string } | null;
        }>;
        return tasks?.length && tasks.every(t => t.taskState?.lastRunEndedAt)
          ? true
          : undefined;
      }, 'the first scheduled runs');
    /** Waits until the reconciler has stopped reading Secrets (no read for a second). */
    const quiet = async () => {
      for (let last = -1; last !== reads(); ) {
        last = reads();
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    };
    try {
      await as(JANE).post('/clusters', { name: 'conn', size: 'small' });
      await ready();
      await scheduledTasksRanOnce();
      await quiet();
      const before = reads();
      const [first] = await connections();
      expect(first).toMatchObject({ name: 'conn' });
      expect(reads() - before).toBe(1);
      for (let i = 0; i < 5; i++) await connections();
      expect(reads() - before).toBe(1);

      // Asleep it is not offered; woken, its Secret is read again (the server may have moved).
      await as(JANE).post('/clusters/conn/sleep').expect(202);
      await eventually(
        async () => ((await connections()).length === 0 ? true : undefined),
        'not offered while asleep',
      );
      await as(JANE).post('/clusters/conn/wake').expect(202);
      await ready();
      await quiet();
      const beforeWoken = reads();
      const [woken] = await connections();
      expect(reads() - beforeWoken).toBe(1);
      expect(woken.url).toBe(await serverOfKubeconfig());
      await as(JANE).del('/clusters/conn').expect(202);
    } finally {
      emulator.server.faults.remove(secretReads.id);
      await backend.stop();
    }
  });
});

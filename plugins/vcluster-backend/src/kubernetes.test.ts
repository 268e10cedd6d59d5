import { mockCredentials } from '@backstage/backend-test-utils';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import { RunningEmulator } from '@hatchway/kube-emulator';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { eventually, startHostEmulator } from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';
import { kubernetesModuleVClusterClusters } from './kubernetes/kubernetesModule';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';

describe('Ready vClusters as clusters of the Kubernetes plugin', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startHostEmulator();
  });
  afterAll(() => emulator.close());

  it('adds a Ready vCluster beside the configured clusters with details that reach its workloads, and drops it once deleted', async () => {
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
      },
      extraFeatures: [kubernetesBackend, kubernetesModuleVClusterClusters],
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
      // What the Kubernetes plugin's fetcher would do with the cluster it was given: its
      // details (url, CA, token) reach the vCluster and see the Deployment by its
      // backstage.io/kubernetes-id label. (The plugin's own fetch path loads client-node with
      // a dynamic import(), which jest's VM cannot run, so the test replays it here.)
      const connections = await api
        .get('/api/vcluster/kubernetes/clusters')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:kubernetes'),
            targetPluginId: 'vcluster',
          }),
        );
      const [shop] = connections.body.items;
      expect(shop).toMatchObject({
        name: 'shop',
        cluster: 'host',
        owner: JANE,
      });
      const asPlugin = new KubeConfig();
      asPlugin.loadFromOptions({
        clusters: [
          {
            name: 'c',
            server: shop.url,
            caData: shop.caData,
            skipTLSVerify: shop.skipTLSVerify,
          },
        ],
        users: [{ name: 'u', token: shop.token }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      const found = await asPlugin
        .makeApiClient(AppsV1Api)
        .listDeploymentForAllNamespaces({
          labelSelector: 'backstage.io/kubernetes-id=shop',
        });
      expect(found.items.map(d => d.metadata?.name)).toEqual(['shop-web']);

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
});

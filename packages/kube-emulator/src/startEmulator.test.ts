import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { RunningEmulator, startEmulator } from './startEmulator';
import { FAST_TIMINGS, eventually } from './controllers/__testUtils__/cluster';

const clientsOf = (yaml: string) => {
  const kc = new KubeConfig();
  kc.loadFromString(yaml);
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
  };
};

const deployment = (name: string) => ({
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
});

const runningPods = async (core: CoreV1Api, namespace: string) =>
  (await core.listNamespacedPod({ namespace })).items.filter(
    p => p.status?.phase === 'Running',
  );

describe('startEmulator', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'start-emulator-'));
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      snapshotFile: path.join(dir, 'state.json'),
      controllers: { timings: FAST_TIMINGS },
    });
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the pods of a Deployment through its controllers', async () => {
    const { core, apps } = clientsOf(emulator.server.kubeConfig());
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: deployment('web'),
    });
    const pods = await eventually(
      async () => {
        const running = await runningPods(core, 'default');
        return running.length === 2 && running;
      },
      5000,
      'two Running pods',
    );
    expect(pods.every(p => /^127\.1\./.test(p.status?.podIP ?? ''))).toBe(true);
  });

  it('serves each vCluster from a nested emulator whose own pods run, and keeps its objects while it sleeps', async () => {
    const host = clientsOf(emulator.server.kubeConfig());
    await host.core.createNamespace({ body: { metadata: { name: 'vc-a' } } });
    const labels = { app: 'vcluster', release: 'dev' };
    await host.apps.createNamespacedStatefulSet({
      namespace: 'vc-a',
      body: {
        metadata: { name: 'dev', labels },
        spec: {
          replicas: 1,
          serviceName: 'dev-headless',
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                { name: 'syncer', image: 'ghcr.io/loft-sh/vcluster:0.26' },
              ],
            },
          },
        },
      },
    });
    const nestedYaml = async () => {
      const secret = await host.core
        .readNamespacedSecret({ name: 'vc-dev', namespace: 'vc-a' })
        .catch(() => undefined);
      const config = secret?.data?.config;
      return config && Buffer.from(config, 'base64').toString();
    };
    const nested = clientsOf(await eventually(nestedYaml, 8000, 'vc-dev'));
    await nested.apps.createNamespacedDeployment({
      namespace: 'default',
      body: deployment('inner'),
    });
    await eventually(
      async () => (await runningPods(nested.core, 'default')).length === 2,
      5000,
      'pods Running inside the vCluster',
    );
    // Only the nested cluster holds them.
    expect(
      (
        await host.apps.listNamespacedDeployment({ namespace: 'default' })
      ).items.map(d => d.metadata?.name),
    ).not.toContain('inner');
    // Its objects are kept in a file of its own beside the host's snapshot.
    await eventually(
      async () => readdirSync(path.join(dir, 'vclusters')).length === 1,
      3000,
      'vCluster snapshot file',
    );

    // Sleep: scale to 0, then wake; the nested Deployment is still there.
    const scale = (replicas: number) =>
      host.apps.patchNamespacedStatefulSetScale({
        name: 'dev',
        namespace: 'vc-a',
        body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
      });
    await scale(0);
    await eventually(
      async () =>
        !(
          await host.core.listNamespacedPod({ namespace: 'vc-a' })
        ).items.length,
      5000,
      'vCluster pod gone',
    );
    await scale(1);
    const woken = await eventually(
      async () => {
        const yaml = await nestedYaml();
        if (!yaml) return undefined;
        const c = clientsOf(yaml);
        const list = await c.apps
          .listNamespacedDeployment({ namespace: 'default' })
          .catch(() => undefined);
        return list?.items.some(d => d.metadata?.name === 'inner') && c;
      },
      8000,
      'vCluster awake with its Deployment',
    );
    expect(woken).toBeTruthy();
  }, 30000);
});

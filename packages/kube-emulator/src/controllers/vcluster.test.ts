import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, V1StatefulSet } from '@kubernetes/client-node';
import { startApiServer } from '../index';
import {
  TestCluster,
  eventually,
  startTestCluster,
} from './__testUtils__/cluster';

const ns = 'vcluster-team-a';

describe('vCluster controller', () => {
  let cluster: TestCluster;
  const dir = mkdtempSync(join(tmpdir(), 'vcluster-test-'));
  const running = new Set<string>();
  const destroyed: string[] = [];
  const snapshot = (key: string) => join(dir, `${key.replace('/', '_')}.json`);

  beforeAll(async () => {
    cluster = await startTestCluster({
      enabled: { deployments: false, jobs: false },
      vcluster: {
        // A nested emulator whose objects survive stop/start through a snapshot file.
        async startNested(_name, { key }) {
          const nested = await startApiServer({
            snapshotFile: snapshot(key),
            snapshotDebounceMs: 10,
          });
          running.add(key);
          return {
            url: nested.url,
            kubeConfigYaml: nested.kubeConfig(),
            async stop() {
              await nested.close();
              running.delete(key);
            },
          };
        },
        async destroyNested(_name, { key }) {
          destroyed.push(key);
          rmSync(snapshot(key), { force: true });
        },
      },
    });
    await cluster.core.createNamespace({ body: { metadata: { name: ns } } });
  });
  afterAll(async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const statefulSet = (name: string): V1StatefulSet => ({
    metadata: { name, labels: { app: 'vcluster', release: name } },
    spec: {
      replicas: 1,
      serviceName: `${name}-headless`,
      selector: { matchLabels: { app: 'vcluster', release: name } },
      template: {
        metadata: { labels: { app: 'vcluster', release: name } },
        spec: {
          containers: [
            { name: 'syncer', image: 'ghcr.io/loft-sh/vcluster-oss:0.26.0' },
          ],
        },
      },
    },
  });
  const nestedClient = async (name: string) => {
    const secret = await cluster.core.readNamespacedSecret({
      name: `vc-${name}`,
      namespace: ns,
    });
    const kc = new KubeConfig();
    kc.loadFromString(Buffer.from(secret.data!.config, 'base64').toString());
    return kc.makeApiClient(CoreV1Api);
  };
  const scale = (name: string, replicas: number) =>
    cluster.apps.patchNamespacedStatefulSetScale({
      name,
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
    });
  const readyPod = async (name: string) => {
    const pods = await cluster.core.listNamespacedPod({ namespace: ns });
    const pod = pods.items.find(p => p.metadata?.name === `${name}-0`);
    return (
      pod?.status?.conditions?.find(c => c.type === 'Ready')?.status ===
        'True' && pod
    );
  };

  it('starts a nested API server and writes vc-<name> with a kubeconfig that reaches it', async () => {
    await cluster.apps.createNamespacedStatefulSet({
      namespace: ns,
      body: statefulSet('alpha'),
    });
    const pod = await eventually(
      () => readyPod('alpha'),
      5000,
      'vCluster pod Ready',
    );
    expect(pod.status?.phase).toBe('Running');
    const nested = await eventually(
      () => nestedClient('alpha'),
      3000,
      'vc-alpha Secret',
    );
    const namespaces = await nested.listNamespace();
    expect(namespaces.items.map(n => n.metadata?.name)).toContain('default');
    // Its own store: the host's namespace is not there.
    expect(namespaces.items.map(n => n.metadata?.name)).not.toContain(ns);
    await nested.createNamespace({ body: { metadata: { name: 'inside' } } });
  });

  it('scaling to 0 stops the nested server and scaling back resumes it with its objects', async () => {
    await scale('alpha', 0);
    await eventually(
      async () => !running.has(`${ns}/alpha`),
      5000,
      'nested server stopped',
    );
    const stale = await nestedClient('alpha');
    await expect(stale.listNamespace()).rejects.toThrow();
    await eventually(
      async () => {
        const pods = await cluster.core.listNamespacedPod({ namespace: ns });
        return !pods.items.some(p => p.metadata?.name === 'alpha-0');
      },
      3000,
      'pod gone',
    );

    await scale('alpha', 1);
    await eventually(() => readyPod('alpha'), 5000, 'vCluster pod Ready again');
    const names = await eventually(
      async () => {
        const list = await (await nestedClient('alpha')).listNamespace();
        return list.items.map(n => n.metadata?.name);
      },
      3000,
      'nested server back',
    );
    expect(names).toContain('inside');
  });

  it('deleting the StatefulSet stops the nested server for good', async () => {
    await cluster.apps.deleteNamespacedStatefulSet({
      name: 'alpha',
      namespace: ns,
    });
    await eventually(
      async () =>
        !running.has(`${ns}/alpha`) && destroyed.includes(`${ns}/alpha`),
      5000,
      'destroyed',
    );
    expect(existsSync(snapshot(`${ns}/alpha`))).toBe(false);
    await eventually(
      async () => {
        const secrets = await cluster.core.listNamespacedSecret({
          namespace: ns,
        });
        return !secrets.items.some(s => s.metadata?.name === 'vc-alpha');
      },
      3000,
      'Secret removed',
    );
  });

  it('leaves StatefulSets without app=vcluster alone', async () => {
    const plain = statefulSet('plain');
    plain.metadata!.labels = { app: 'db' };
    await cluster.apps.createNamespacedStatefulSet({
      namespace: ns,
      body: plain,
    });
    await eventually(() => readyPod('plain'), 5000, 'plain pod Ready');
    expect(running.has(`${ns}/plain`)).toBe(false);
  });

  it('logs no warnings or errors', () => {
    expect(cluster.logged).toEqual([]);
  });
});

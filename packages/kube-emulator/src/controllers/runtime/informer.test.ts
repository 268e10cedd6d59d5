import { CoreV1Api, KubeConfig, V1Pod, Watch } from '@kubernetes/client-node';
import { startApiServer } from '../../index';
import type { RunningApiServer } from '../../index';
import { eventually, quietLogger } from '../__testUtils__/cluster';
import { Informer } from './informer';

describe('Informer', () => {
  let server: RunningApiServer;
  let core: CoreV1Api;
  let informer: Informer<V1Pod>;
  const added: string[] = [];
  const deleted: string[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startApiServer();
    const kc = new KubeConfig();
    kc.loadFromString(server.kubeConfig());
    core = kc.makeApiClient(CoreV1Api);
    informer = new Informer<V1Pod>(
      new Watch(kc),
      {
        path: '/api/v1/pods',
        apiVersion: 'v1',
        kind: 'Pod',
        list: () => core.listPodForAllNamespaces(),
      },
      quietLogger(logged),
      20,
    );
    informer.on({
      add: p => added.push(p.metadata!.name!),
      delete: p => deleted.push(p.metadata!.name!),
    });
    // Every watch this informer opens is cut by the server after one event.
    server.faults.add({
      verb: 'watch',
      resource: 'pods',
      cutWatchAfterEvents: 1,
    });
    informer.start();
    await informer.synced;
  });
  afterAll(async () => {
    await informer.stop();
    await server.close();
  });

  const pod = (name: string) =>
    core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      },
    });

  it('resumes after the server cuts its watch streams', async () => {
    for (const name of ['a', 'b', 'c', 'd']) await pod(name);
    await eventually(
      async () => ['a', 'b', 'c', 'd'].every(n => informer.get('default', n)),
      3000,
      'all pods seen',
    );
    expect(server.faults.list()[0].hits).toBeGreaterThan(3);
    // Each pod was added exactly once, despite the reconnects.
    expect(added.filter(n => ['a', 'b', 'c', 'd'].includes(n)).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('re-lists after 410 Gone and reports objects deleted while it was away', async () => {
    // An outage: the next event ends any open watch, and reconnecting is refused.
    const outage = server.faults.add({
      verb: 'watch',
      resource: 'pods',
      status: 503,
    });
    await pod('trigger');
    await eventually(
      async () => server.faults.list().find(f => f.id === outage.id)!.hits > 0,
      3000,
      'a refused watch',
    );
    // Meanwhile a pod goes and another comes; compaction makes the informer's version expire.
    await core.deleteNamespacedPod({
      name: 'a',
      namespace: 'default',
      gracePeriodSeconds: 0,
    });
    await pod('e');
    server.compact();
    expect(deleted).not.toContain('a');
    server.faults.remove(outage.id);
    await eventually(
      async () => !informer.get('default', 'a') && informer.get('default', 'e'),
      5000,
      'caught up',
    );
    expect(deleted).toEqual(['a']);
  });

  it('keeps retrying a re-list the server refuses', async () => {
    const outage = server.faults.add({
      verb: 'watch',
      resource: 'pods',
      status: 503,
    });
    await pod('trigger-2');
    await eventually(
      async () => server.faults.list().find(f => f.id === outage.id)!.hits > 0,
      3000,
      'a refused watch',
    );
    const refusals = server.faults.add({
      verb: 'list',
      resource: 'pods',
      status: 500,
      times: 2,
    });
    await pod('f');
    server.compact();
    server.faults.remove(outage.id);
    await eventually(
      async () => informer.get('default', 'f'),
      5000,
      'pod f seen',
    );
    // Both refused lists were used up before the one that worked.
    expect(server.faults.list().some(f => f.id === refusals.id)).toBe(false);
  });
});

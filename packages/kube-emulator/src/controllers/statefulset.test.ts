import type { V1StatefulSet } from '@kubernetes/client-node';
import {
  TestCluster,
  eventually,
  podsOfApp,
  startTestCluster,
} from './__testUtils__/cluster';

const ns = 'default';

const statefulSet = (name: string, replicas: number): V1StatefulSet => ({
  metadata: { name },
  spec: {
    replicas,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'db', image: 'postgres:16' }] },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    ],
  },
});

describe('StatefulSet controller', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({
      enabled: { deployments: false, jobs: false },
    });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  const pods = (app: string) => podsOfApp(cluster, app, ns);
  const read = () =>
    cluster.apps.readNamespacedStatefulSet({ name: 'db', namespace: ns });

  it('creates pods with ordinal names, one after the other', async () => {
    // Watch the pods as they come, to see the order.
    const seen: string[] = [];
    const watching = setInterval(async () => {
      for (const p of await pods('db')) {
        if (!seen.includes(p.metadata!.name!)) seen.push(p.metadata!.name!);
      }
    }, 5);
    await cluster.apps.createNamespacedStatefulSet({
      namespace: ns,
      body: statefulSet('db', 3),
    });
    const sts = await eventually(
      async () => {
        const current = await read();
        return current.status?.readyReplicas === 3 && current;
      },
      5000,
      'three ready replicas',
    );
    clearInterval(watching);
    expect(seen).toEqual(['db-0', 'db-1', 'db-2']);
    expect(sts.status).toMatchObject({
      replicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(sts.status?.currentRevision).toBe(sts.status?.updateRevision);
    const [first] = (await pods('db')).filter(p => p.metadata?.name === 'db-0');
    expect(first.spec?.hostname).toBe('db-0');
    expect(first.spec?.subdomain).toBe('db');
    expect(first.metadata?.labels?.['statefulset.kubernetes.io/pod-name']).toBe(
      'db-0',
    );
    expect(
      first.spec?.volumes?.find(v => v.name === 'data')?.persistentVolumeClaim
        ?.claimName,
    ).toBe('data-db-0');
    const claim = await cluster.core.readNamespacedPersistentVolumeClaim({
      name: 'data-db-2',
      namespace: ns,
    });
    expect(claim.status?.phase).toBe('Bound');
  });

  it('scaling to 0 deletes the pods, highest ordinal first, and keeps the claims', async () => {
    await cluster.apps.patchNamespacedStatefulSetScale({
      name: 'db',
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/replicas', value: 0 }],
    });
    await eventually(
      async () =>
        (await pods('db')).length === 0 &&
        (await read()).status?.replicas === 0,
      5000,
      'no pods',
    );
    const events = (
      await cluster.core.listNamespacedEvent({ namespace: ns })
    ).items
      .filter(
        e => e.reason === 'SuccessfulDelete' && e.involvedObject.name === 'db',
      )
      .sort(
        (a, b) =>
          String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) ||
          a.metadata!.name!.localeCompare(b.metadata!.name!),
      )
      .map(e => e.message);
    expect(events).toEqual([
      'delete Pod db-2 in StatefulSet db successful',
      'delete Pod db-1 in StatefulSet db successful',
      'delete Pod db-0 in StatefulSet db successful',
    ]);
    const claims = await cluster.core.listNamespacedPersistentVolumeClaim({
      namespace: ns,
    });
    expect(claims.items.map(c => c.metadata?.name).sort()).toEqual([
      'data-db-0',
      'data-db-1',
      'data-db-2',
    ]);
  });

  it('replaces pods on a template change', async () => {
    await cluster.apps.patchNamespacedStatefulSetScale({
      name: 'db',
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
    });
    await eventually(async () => (await read()).status?.readyReplicas === 2);
    const before = (await read()).status?.updateRevision;
    await cluster.apps.patchNamespacedStatefulSet({
      name: 'db',
      namespace: ns,
      body: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'postgres:17',
        },
      ],
    });
    const sts = await eventually(
      async () => {
        const current = await read();
        const all = await pods('db');
        return (
          current.status?.updateRevision !== before &&
          current.status?.updatedReplicas === 2 &&
          current.status?.readyReplicas === 2 &&
          all.length === 2 &&
          all.every(p => p.spec?.containers[0].image === 'postgres:17') &&
          current
        );
      },
      5000,
      'pods on postgres:17',
    );
    expect(sts.status?.currentRevision).toBe(sts.status?.updateRevision);
  });

  it('logs no warnings or errors', () => {
    expect(cluster.logged).toEqual([]);
  });
});

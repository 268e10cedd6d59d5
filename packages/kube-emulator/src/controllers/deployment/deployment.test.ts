import type { V1Deployment } from '@kubernetes/client-node';
import {
  TestCluster,
  eventually,
  podsOfApp,
  startTestCluster,
} from '../__testUtils__/cluster';

const ns = 'default';

const deployment = (
  name: string,
  replicas: number,
  image: string,
): V1Deployment => ({
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image }] },
    },
  },
});

describe('Deployment and ReplicaSet controllers', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({
      enabled: { statefulsets: false, jobs: false },
    });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  const pods = (app: string) => podsOfApp(cluster, app, ns);
  const read = (name: string) =>
    cluster.apps.readNamespacedDeployment({ name, namespace: ns });

  it('runs the replicas through a ReplicaSet and reports the Deployment available', async () => {
    await cluster.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('web', 3, 'nginx:1.26'),
    });
    const d = await eventually(
      async () => {
        const current = await read('web');
        return current.status?.availableReplicas === 3 && current;
      },
      5000,
      'three available replicas',
    );
    expect(d.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: d.metadata?.generation,
    });
    const conditions = Object.fromEntries(
      (d.status?.conditions ?? []).map(c => [c.type, [c.status, c.reason]]),
    );
    expect(conditions.Available).toEqual(['True', 'MinimumReplicasAvailable']);
    await eventually(async () => {
      const c = (await read('web')).status?.conditions?.find(
        x => x.type === 'Progressing',
      );
      return c?.reason === 'NewReplicaSetAvailable';
    });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe(
      '1',
    );

    const [rs] = (
      await cluster.apps.listNamespacedReplicaSet({
        namespace: ns,
        labelSelector: 'app=web',
      })
    ).items;
    const hash = rs.metadata?.labels?.['pod-template-hash'];
    expect(rs.metadata?.name).toBe(`web-${hash}`);
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });
    expect(
      rs.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    ).toBe('1');
    const running = await pods('web');
    expect(running).toHaveLength(3);
    for (const pod of running) {
      expect(pod.metadata?.name).toMatch(
        new RegExp(`^web-${hash}-[a-z0-9]{5}$`),
      );
      expect(pod.metadata?.labels?.['pod-template-hash']).toBe(hash);
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: rs.metadata?.name,
      });
      expect(pod.status?.phase).toBe('Running');
    }
    const events = (await cluster.core.listNamespacedEvent({ namespace: ns }))
      .items;
    expect(
      events.some(
        e =>
          e.reason === 'ScalingReplicaSet' && e.involvedObject.name === 'web',
      ),
    ).toBe(true);
    expect(
      events.some(
        e =>
          e.reason === 'SuccessfulCreate' &&
          e.involvedObject.name === rs.metadata?.name,
      ),
    ).toBe(true);
  });

  it('rolls over to a new ReplicaSet when the template changes', async () => {
    await cluster.apps.patchNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'nginx:1.27',
        },
      ],
    });
    const done = await eventually(
      async () => {
        const d = await read('web');
        const all = await pods('web');
        return (
          d.status?.updatedReplicas === 3 &&
          d.status?.availableReplicas === 3 &&
          d.status?.replicas === 3 &&
          all.length === 3 &&
          all.every(
            p =>
              p.spec?.containers[0].image === 'nginx:1.27' &&
              p.status?.phase === 'Running',
          ) &&
          d
        );
      },
      8000,
      'rollout to nginx:1.27',
    );
    expect(
      done.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    ).toBe('2');
    const sets = (
      await cluster.apps.listNamespacedReplicaSet({
        namespace: ns,
        labelSelector: 'app=web',
      })
    ).items;
    expect(sets).toHaveLength(2);
    const byRevision = Object.fromEntries(
      sets.map(rs => [
        rs.metadata?.annotations?.['deployment.kubernetes.io/revision'],
        rs.spec?.replicas,
      ]),
    );
    expect(byRevision).toEqual({ '1': 0, '2': 3 });
  });

  it('scales down and deletes surplus pods', async () => {
    await cluster.apps.patchNamespacedDeploymentScale({
      name: 'web',
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/replicas', value: 1 }],
    });
    await eventually(
      async () => {
        const d = await read('web');
        return d.status?.replicas === 1 && (await pods('web')).length === 1;
      },
      5000,
      'one replica',
    );
    const events = await eventually(
      async () => {
        const items = (
          await cluster.core.listNamespacedEvent({ namespace: ns })
        ).items;
        const deletions = items.filter(e => e.reason === 'SuccessfulDelete');
        return deletions.length >= 2 && items;
      },
      3000,
      'SuccessfulDelete events',
    );
    expect(
      events.some(
        e =>
          e.reason === 'ScalingReplicaSet' &&
          /^Scaled down replica set web-\w+ from 3 to 1$/.test(e.message ?? ''),
      ),
    ).toBe(true);
  });

  it('reports a stuck rollout with ProgressDeadlineExceeded', async () => {
    const body = deployment('stuck', 1, 'nginx:1.27');
    body.spec!.progressDeadlineSeconds = 2; // 200 ms in tests
    body.spec!.template.metadata!.annotations = {
      'emulator.hatchway.dev/behavior': 'never-ready',
    };
    await cluster.apps.createNamespacedDeployment({ namespace: ns, body });
    const d = await eventually(
      async () => {
        const current = await read('stuck');
        const c = current.status?.conditions?.find(
          x => x.type === 'Progressing',
        );
        return c?.reason === 'ProgressDeadlineExceeded' && current;
      },
      5000,
      'ProgressDeadlineExceeded',
    );
    expect(
      d.status?.conditions?.find(c => c.type === 'Progressing')?.status,
    ).toBe('False');
    expect(
      d.status?.conditions?.find(c => c.type === 'Available')?.status,
    ).toBe('False');
    expect(d.status?.unavailableReplicas).toBe(1);
  });

  it('converges despite failing API calls', async () => {
    cluster.server.faults.add({
      verb: 'create',
      resource: 'pods',
      status: 503,
      times: 2,
    });
    cluster.server.faults.add({
      verb: 'patch',
      resource: 'replicasets/status',
      status: 500,
      times: 2,
    });
    await cluster.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('sturdy', 2, 'nginx:1.27'),
    });
    await eventually(
      async () => (await read('sturdy')).status?.availableReplicas === 2,
      5000,
      'two available replicas',
    );
    expect(await pods('sturdy')).toHaveLength(2);
    // The refusals were logged and retried; nothing else went wrong.
    expect(cluster.logged.length).toBeGreaterThan(0);
    expect(cluster.logged.every(m => /50[03]/.test(m))).toBe(true);
    cluster.logged.length = 0;
  });

  it('logs no warnings or errors', () => {
    expect(cluster.logged).toEqual([]);
  });
});

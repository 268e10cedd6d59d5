import type { V1Pod } from '@kubernetes/client-node';
import {
  TestCluster,
  container,
  eventually,
  startTestCluster,
} from '../__testUtils__/cluster';

describe('kubelet', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({
      enabled: { deployments: false, statefulsets: false, jobs: false },
    });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  const createPod = (name: string, extra: Partial<V1Pod> = {}) =>
    cluster.core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name, ...extra.metadata },
        spec: { containers: [container()], ...extra.spec },
      },
    });
  const readPod = (name: string) =>
    cluster.core.readNamespacedPod({ name, namespace: 'default' });
  const condition = (pod: V1Pod, type: string) =>
    pod.status?.conditions?.find(c => c.type === type)?.status;

  it('keeps binding pods after one was deleted before its binding arrived', async () => {
    // The binding of `gone` is held up until the pod has been deleted: it answers 404.
    cluster.server.faults.add({
      verb: 'create',
      resource: 'pods/binding',
      name: 'gone',
      latencyMs: 400,
      times: 1,
    });
    await createPod('gone');
    await new Promise(r => setTimeout(r, 100));
    await cluster.core.deleteNamespacedPod({
      name: 'gone',
      namespace: 'default',
      gracePeriodSeconds: 0,
    });
    await new Promise(r => setTimeout(r, 500));
    await createPod('after-gone');
    const pod = await eventually(async () => {
      const p = await readPod('after-gone');
      return condition(p, 'Ready') === 'True' && p;
    });
    expect(pod.spec?.nodeName).toBe('emulator-node');
  });

  it('schedules a pod, gives it a loopback IP and makes it Running and Ready', async () => {
    await createPod('plain');
    await createPod('plain-2');
    const pod = await eventually(async () => {
      const p = await readPod('plain');
      return condition(p, 'Ready') === 'True' && p;
    });
    expect(pod.spec?.nodeName).toBe('emulator-node');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toMatch(/^127\.1\.\d+\.\d+$/);
    expect(pod.status?.podIPs).toEqual([{ ip: pod.status?.podIP }]);
    expect(pod.status?.hostIP).toBe('127.0.0.1');
    expect(pod.status?.startTime).toBeDefined();
    for (const type of ['PodScheduled', 'Initialized', 'ContainersReady']) {
      expect(condition(pod, type)).toBe('True');
    }
    const [status] = pod.status!.containerStatuses!;
    expect(status).toMatchObject({
      name: 'app',
      image: 'nginx:1.27',
      ready: true,
      restartCount: 0,
    });
    expect(status.imageID).toMatch(/^nginx@sha256:[0-9a-f]{64}$/);
    expect(status.state?.running?.startedAt).toBeDefined();

    const other = await eventually(
      async () => (await readPod('plain-2')).status?.podIP,
    );
    expect(other).not.toBe(pod.status?.podIP);

    const events = await cluster.core.listNamespacedEvent({
      namespace: 'default',
    });
    const reasons = events.items
      .filter(e => e.involvedObject.name === 'plain')
      .map(e => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
    );
  });

  it('ends a deleted pod and frees it from the API', async () => {
    await createPod('doomed');
    await eventually(
      async () => (await readPod('doomed')).status?.phase === 'Running',
    );
    await cluster.core.deleteNamespacedPod({
      name: 'doomed',
      namespace: 'default',
    });
    await eventually(
      async () => {
        const pods = await cluster.core.listNamespacedPod({
          namespace: 'default',
        });
        return !pods.items.some(p => p.metadata?.name === 'doomed');
      },
      3000,
      'pod deletion',
    );
    const killing = await eventually(async () => {
      const events = await cluster.core.listNamespacedEvent({
        namespace: 'default',
      });
      return events.items.find(
        e => e.involvedObject.name === 'doomed' && e.reason === 'Killing',
      );
    });
    expect(killing.message).toBe('Stopping container app');
  });

  it('waits out initialDelaySeconds of a readiness probe', async () => {
    await createPod('slow', {
      spec: {
        containers: [
          {
            ...container(),
            readinessProbe: {
              httpGet: { path: '/', port: 80 as any },
              initialDelaySeconds: 3,
            },
          },
        ],
      },
    });
    const running = await eventually(async () => {
      const p = await readPod('slow');
      return p.status?.phase === 'Running' && p;
    });
    expect(condition(running, 'Ready')).toBe('False');
    // 3 s at 100 ms per second in tests.
    await eventually(
      async () => condition(await readPod('slow'), 'Ready') === 'True',
      3000,
    );
  });

  it('crashloop: CrashLoopBackOff with rising restarts and a BackOff warning', async () => {
    await createPod('crashy', {
      metadata: {
        annotations: {
          'emulator.hatchway.dev/behavior': 'crashloop',
          'emulator.hatchway.dev/exit-code': '3',
        },
      },
    });
    const pod = await eventually(
      async () => {
        const p = await readPod('crashy');
        const s = p.status?.containerStatuses?.[0];
        return (
          (s?.restartCount ?? 0) >= 3 &&
          s?.state?.waiting?.reason === 'CrashLoopBackOff' &&
          p
        );
      },
      5000,
      'three restarts',
    );
    const status = pod.status!.containerStatuses![0];
    expect(pod.status?.phase).toBe('Running');
    expect(condition(pod, 'Ready')).toBe('False');
    expect(status.lastState?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
    const events = await cluster.core.listNamespacedEvent({
      namespace: 'default',
    });
    const backOff = events.items.find(
      e => e.involvedObject.name === 'crashy' && e.reason === 'BackOff',
    );
    expect(backOff?.type).toBe('Warning');
    expect(backOff?.count).toBeGreaterThanOrEqual(2);
  });

  it('image-pull-backoff: Pending with ErrImagePull then ImagePullBackOff', async () => {
    await createPod('nopull', {
      metadata: {
        annotations: { 'emulator.hatchway.dev/behavior': 'image-pull-backoff' },
      },
    });
    const pod = await eventually(async () => {
      const p = await readPod('nopull');
      return (
        p.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
          'ImagePullBackOff' && p
      );
    });
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.podIP).toMatch(/^127\.1\./);
    const events = await cluster.core.listNamespacedEvent({
      namespace: 'default',
    });
    const mine = events.items.filter(e => e.involvedObject.name === 'nopull');
    expect(mine.some(e => e.type === 'Warning' && e.reason === 'Failed')).toBe(
      true,
    );
    expect(mine.some(e => e.reason === 'BackOff')).toBe(true);
  });

  it('never-ready: Running but never Ready', async () => {
    await createPod('lazy', {
      metadata: {
        annotations: { 'emulator.hatchway.dev/behavior': 'never-ready' },
      },
    });
    await eventually(
      async () => (await readPod('lazy')).status?.phase === 'Running',
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    const pod = await readPod('lazy');
    expect(condition(pod, 'Ready')).toBe('False');
    expect(pod.status?.containerStatuses?.[0].ready).toBe(false);
  });

  it('fail with restartPolicy Never: Failed with the exit code', async () => {
    await createPod('failing', {
      metadata: {
        annotations: {
          'emulator.hatchway.dev/behavior': 'fail',
          'emulator.hatchway.dev/exit-code': '42',
        },
      },
      spec: { containers: [container()], restartPolicy: 'Never' },
    });
    const pod = await eventually(async () => {
      const p = await readPod('failing');
      return p.status?.phase === 'Failed' && p;
    });
    expect(pod.status?.containerStatuses?.[0].state?.terminated).toMatchObject({
      exitCode: 42,
      reason: 'Error',
    });
    expect(pod.status?.containerStatuses?.[0].restartCount).toBe(0);
  });

  it('logs no warnings or errors', () => {
    expect(cluster.logged).toEqual([]);
  });
});

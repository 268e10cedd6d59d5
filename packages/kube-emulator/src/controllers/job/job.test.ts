import type { V1Job, V1Pod } from '@kubernetes/client-node';
import {
  TestCluster,
  eventually,
  startTestCluster,
} from '../__testUtils__/cluster';

const ns = 'default';

const job = (
  name: string,
  spec: Partial<NonNullable<V1Job['spec']>> = {},
  annotations?: Record<string, string>,
): V1Job => ({
  metadata: { name },
  spec: {
    template: {
      metadata: { annotations },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'work', image: 'busybox:1.36' }],
      },
    },
    ...spec,
  },
});

const condition = (j: V1Job, type: string) =>
  j.status?.conditions?.find(c => c.type === type);

describe('Job controller', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({
      enabled: { deployments: false, statefulsets: false },
    });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  const read = (name: string) =>
    cluster.batch.readNamespacedJob({ name, namespace: ns });
  const pods = async (name: string): Promise<V1Pod[]> =>
    (
      await cluster.core.listNamespacedPod({
        namespace: ns,
        labelSelector: `batch.kubernetes.io/job-name=${name}`,
      })
    ).items;

  it('runs completions pods, parallelism at a time, and completes', async () => {
    let maxActive = 0;
    const watching = setInterval(async () => {
      const active = (await pods('batch')).filter(
        p => !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''),
      );
      maxActive = Math.max(maxActive, active.length);
    }, 10);
    await cluster.batch.createNamespacedJob({
      namespace: ns,
      body: job('batch', { completions: 4, parallelism: 2 }),
    });
    const done = await eventually(
      async () => {
        const j = await read('batch');
        return condition(j, 'Complete')?.status === 'True' && j;
      },
      5000,
      'Job Complete',
    );
    clearInterval(watching);
    expect(done.status).toMatchObject({ succeeded: 4, failed: 0, active: 0 });
    expect(done.status?.startTime).toBeDefined();
    expect(done.status?.completionTime).toBeDefined();
    expect(condition(done, 'SuccessCriteriaMet')).toMatchObject({
      status: 'True',
      reason: 'CompletionsReached',
    });
    expect(maxActive).toBeLessThanOrEqual(2);
    const all = await pods('batch');
    expect(all).toHaveLength(4);
    expect(all.every(p => p.status?.phase === 'Succeeded')).toBe(true);
    expect(all.every(p => p.metadata?.name?.startsWith('batch-'))).toBe(true);
    const events = (
      await cluster.core.listNamespacedEvent({ namespace: ns })
    ).items.filter(e => e.involvedObject.name === 'batch');
    expect(events.map(e => e.reason)).toEqual(
      expect.arrayContaining(['SuccessfulCreate', 'Completed']),
    );
  });

  it('fails the Job once more pods failed than backoffLimit allows', async () => {
    await cluster.batch.createNamespacedJob({
      namespace: ns,
      body: job(
        'flaky',
        { backoffLimit: 2 },
        { 'emulator.hatchway.dev/behavior': 'fail' },
      ),
    });
    const failed = await eventually(
      async () => {
        const j = await read('flaky');
        return condition(j, 'Failed')?.status === 'True' && j;
      },
      5000,
      'Job Failed',
    );
    expect(condition(failed, 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(condition(failed, 'FailureTarget')?.status).toBe('True');
    expect(failed.status?.failed).toBe(3);
    expect(failed.status?.succeeded ?? 0).toBe(0);
    expect(failed.status?.completionTime).toBeUndefined();
    expect(
      (await pods('flaky')).filter(p => p.status?.phase === 'Failed'),
    ).toHaveLength(3);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and deletes the running pods', async () => {
    // 3 "seconds" at 100 ms each; the pod would run 10 s.
    await cluster.batch.createNamespacedJob({
      namespace: ns,
      body: job(
        'slow',
        { activeDeadlineSeconds: 3 },
        { 'emulator.hatchway.dev/run-ms': '10000' },
      ),
    });
    await eventually(async () =>
      (await pods('slow')).some(p => p.status?.phase === 'Running'),
    );
    const failed = await eventually(
      async () => {
        const j = await read('slow');
        return condition(j, 'Failed')?.status === 'True' && j;
      },
      5000,
      'DeadlineExceeded',
    );
    expect(condition(failed, 'Failed')?.reason).toBe('DeadlineExceeded');
    await eventually(
      async () => (await pods('slow')).length === 0,
      3000,
      'pods deleted',
    );
  });

  it('deletes a finished Job and its pods after ttlSecondsAfterFinished', async () => {
    await cluster.batch.createNamespacedJob({
      namespace: ns,
      body: job('shortlived', { ttlSecondsAfterFinished: 2 }),
    });
    await eventually(
      async () =>
        condition(await read('shortlived'), 'Complete')?.status === 'True',
    );
    const completedAt = Date.now();
    await eventually(
      async () => {
        const jobs = await cluster.batch.listNamespacedJob({ namespace: ns });
        return (
          !jobs.items.some(j => j.metadata?.name === 'shortlived') &&
          (await pods('shortlived')).length === 0
        );
      },
      5000,
      'Job and pods deleted',
    );
    // Not before the TTL (2 "seconds" = 200 ms here) ran out.
    expect(Date.now() - completedAt).toBeGreaterThanOrEqual(150);
  });

  it('runs an Indexed Job with one pod per index', async () => {
    await cluster.batch.createNamespacedJob({
      namespace: ns,
      body: job('indexed', {
        completions: 3,
        parallelism: 3,
        completionMode: 'Indexed',
      }),
    });
    const done = await eventually(
      async () => {
        const j = await read('indexed');
        return condition(j, 'Complete')?.status === 'True' && j;
      },
      5000,
      'Indexed Job Complete',
    );
    expect(done.status?.completedIndexes).toBe('0-2');
    const indexes = (await pods('indexed'))
      .map(
        p =>
          p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'],
      )
      .sort();
    expect(indexes).toEqual(['0', '1', '2']);
  });

  it('logs no warnings or errors', () => {
    expect(cluster.logged).toEqual([]);
  });
});

import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { MERGE_PATCH, ignoreNotFound } from '../runtime/clients';
import type { Controller, ControllerContext } from '../runtime/context';
import { Expectations } from '../runtime/expectations';
import {
  findCondition,
  sameJson,
  setCondition,
  splitKey,
  timestamp,
  toMillis,
} from '../runtime/objects';
import { ownedPods, watchOwnedPods } from '../runtime/owned';
import {
  deletionOrder,
  isActive,
  isReady,
  restartCount,
} from '../runtime/pods';
import { WorkQueue } from '../runtime/workqueue';
import { JobFailure, finishedStatus, indexesToStart, jobPod } from './pods';
import { JobTracker, formatIndexes } from './tracker';

const isFinished = (job: V1Job) =>
  ['Complete', 'Failed'].some(
    t => findCondition(job.status?.conditions, t)?.status === 'True',
  );

/**
 * The Job controller: runs pods until `completions` succeed (`parallelism` at a time; a work
 * queue when completions is unset; Indexed mode with one pod per index), fails the Job past
 * `backoffLimit` failures or `activeDeadlineSeconds`, and deletes it `ttlSecondsAfterFinished`
 * after it finished. Conditions follow the real 1.31+ controller: SuccessCriteriaMet then
 * Complete, FailureTarget then Failed.
 */
export function jobController(ctx: ControllerContext): Controller {
  const { informers, clients, timings } = ctx;
  const events = ctx.events.recorder('job-controller');
  const jobs = informers.jobs();
  const pods = informers.pods();
  const expectations = new Expectations();
  const tracker = new JobTracker();
  // Finished jobs whose status write the cache may not show yet: never finish them twice.
  const finished = new Map<string, V1Job['status']>();
  // Start and finish instants to the millisecond: status times have whole seconds only, too
  // coarse for the shortened deadlines and TTLs of tests.
  const startedAt = new Map<string, number>();
  const finishedAt = new Map<string, number>();

  const writeStatus = async (
    job: V1Job,
    status: NonNullable<V1Job['status']>,
  ) => {
    if (sameJson(status, job.status ?? {})) return;
    await ignoreNotFound(
      clients.batch.patchNamespacedJobStatus(
        {
          name: job.metadata!.name!,
          namespace: job.metadata!.namespace!,
          body: { status },
        },
        MERGE_PATCH,
      ),
    );
  };

  /** A finished Job only waits for its TTL. */
  const afterFinish = async (job: V1Job, owned: V1Pod[]) => {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    const status = finished.get(job.metadata!.uid!) ?? job.status;
    if (ttl === undefined || ttl === null) return undefined;
    const condition =
      findCondition(status?.conditions, 'Complete')?.status === 'True'
        ? findCondition(status?.conditions, 'Complete')
        : findCondition(status?.conditions, 'Failed');
    const since =
      finishedAt.get(job.metadata!.uid!) ??
      toMillis(status?.completionTime ?? condition?.lastTransitionTime);
    const left =
      (Number.isNaN(since) ? Date.now() : since) +
      ttl * timings.msPerSecond -
      Date.now();
    if (left > 0) return { requeueAfterMs: left };
    await ignoreNotFound(
      clients.batch.deleteNamespacedJob({
        name: job.metadata!.name!,
        namespace: job.metadata!.namespace!,
        propagationPolicy: 'Background',
      }),
    );
    // Do not lean on the server's garbage collector alone: the Job's pods go with it.
    await Promise.all(
      owned.map(p =>
        ignoreNotFound(
          clients.core.deleteNamespacedPod({
            name: p.metadata!.name!,
            namespace: p.metadata!.namespace!,
          }),
        ),
      ),
    );
    return undefined;
  };

  const finish = async (
    job: V1Job,
    status: NonNullable<V1Job['status']>,
    failure?: JobFailure,
  ) => {
    if (failure) events.event(job, 'Warning', failure.reason, failure.message);
    else events.event(job, 'Normal', 'Completed', 'Job completed');
    const final = finishedStatus(status, failure);
    finished.set(job.metadata!.uid!, final);
    finishedAt.set(job.metadata!.uid!, Date.now());
    await writeStatus(job, final);
    return afterFinish({ ...job, status: final }, []);
  };

  const createPods = async (job: V1Job, indexes: (number | undefined)[]) => {
    const uid = job.metadata!.uid!;
    expectations.expect(uid, indexes.length);
    await Promise.all(
      indexes.map(async index => {
        try {
          const pod = await clients.core.createNamespacedPod({
            namespace: job.metadata!.namespace!,
            body: jobPod(job, index),
          });
          events.event(
            job,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${pod.metadata?.name}`,
          );
        } catch (error) {
          expectations.observeAdd(uid);
          throw error;
        }
      }),
    );
  };

  const deletePods = async (job: V1Job, victims: V1Pod[]) => {
    if (!victims.length) return;
    expectations.expect(
      job.metadata!.uid!,
      0,
      victims.map(p => p.metadata!.uid!),
    );
    await Promise.all(
      victims.map(async pod => {
        const gone = await ignoreNotFound(
          clients.core.deleteNamespacedPod({
            name: pod.metadata!.name!,
            namespace: pod.metadata!.namespace!,
          }),
        );
        if (!gone)
          expectations.observeDelete(job.metadata!.uid, pod.metadata!.uid);
        events.event(
          job,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata?.name}`,
        );
      }),
    );
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitKey(key);
    const job = jobs.get(namespace, name);
    if (!job || job.metadata?.deletionTimestamp) return undefined;
    const uid = job.metadata!.uid!;
    const owned = ownedPods(pods, namespace, uid);
    if (isFinished(job) || finished.has(uid)) return afterFinish(job, owned);

    const progress = tracker.progress(job, owned);
    const active = owned.filter(isActive);
    const now = Date.now();
    const startTime =
      job.status?.startTime ?? (job.spec?.suspend ? undefined : timestamp());
    const status: NonNullable<V1Job['status']> = {
      ...job.status,
      startTime,
      active: active.length,
      ready: active.filter(isReady).length,
      succeeded: progress.succeeded,
      failed: progress.failed,
    };
    if (job.spec?.completionMode === 'Indexed') {
      status.completedIndexes = formatIndexes(progress.succeededIndexes);
    }
    const completions =
      job.spec?.completions ?? (job.spec?.parallelism ? undefined : 1);
    const parallelism = job.spec?.parallelism ?? 1;
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const onFailureRestarts =
      job.spec?.template?.spec?.restartPolicy === 'OnFailure'
        ? active.reduce((n, p) => n + restartCount(p), 0)
        : 0;
    const deadlineMs =
      (job.spec?.activeDeadlineSeconds ?? 0) * timings.msPerSecond;
    if (startTime && !startedAt.has(uid)) {
      startedAt.set(
        uid,
        job.status?.startTime ? toMillis(job.status.startTime) : now,
      );
    }
    const runningFor = now - (startedAt.get(uid) ?? now);

    let failure: JobFailure | undefined;
    if (progress.failed + onFailureRestarts > backoffLimit) {
      failure = {
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      };
    } else if (deadlineMs && startTime && runningFor >= deadlineMs) {
      failure = {
        reason: 'DeadlineExceeded',
        message: 'Job was active longer than specified deadline',
      };
    }
    const succeededAll =
      completions !== undefined
        ? progress.succeeded >= completions
        : progress.succeeded > 0 && active.length === 0;

    if (failure || succeededAll) {
      await deletePods(job, active);
      return finish(job, status, failure);
    }

    let requeueAfterMs: number | undefined;
    // A work queue (no completions) starts no pod once one has succeeded.
    let wantActive = progress.succeeded > 0 ? 0 : parallelism;
    if (completions !== undefined) {
      wantActive = Math.min(parallelism, completions - progress.succeeded);
    }
    if (job.spec?.suspend) wantActive = 0;
    if (job.spec?.suspend || findCondition(status.conditions, 'Suspended')) {
      status.conditions = setCondition(
        status.conditions,
        job.spec?.suspend
          ? {
              type: 'Suspended',
              status: 'True',
              reason: 'JobSuspended',
              message: 'Job suspended',
            }
          : {
              type: 'Suspended',
              status: 'False',
              reason: 'JobResumed',
              message: 'Job resumed',
            },
      );
    }

    if (expectations.satisfied(uid)) {
      if (active.length < wantActive) {
        const backoff = progress.failed
          ? timings.jobBackoffMs * 2 ** (progress.failed - 1) -
            (now - progress.lastFailureAt)
          : 0;
        if (backoff > 0) requeueAfterMs = backoff;
        else
          await createPods(
            job,
            indexesToStart(
              job,
              active,
              wantActive - active.length,
              progress.succeededIndexes,
              completions,
            ),
          );
      } else if (active.length > wantActive) {
        await deletePods(
          job,
          [...active].sort(deletionOrder).slice(0, active.length - wantActive),
        );
      }
    }
    await writeStatus(job, status);
    if (deadlineMs && startTime && !job.spec?.suspend) {
      const left = deadlineMs - runningFor;
      requeueAfterMs = Math.min(requeueAfterMs ?? left, left);
    }
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  };

  const queue = new WorkQueue('job', reconcile, ctx.logger);
  const enqueue = (job: V1Job) =>
    queue.add(`${job.metadata?.namespace}/${job.metadata?.name}`);
  jobs.on({
    add: enqueue,
    update: enqueue,
    delete: job => {
      const uid = job.metadata?.uid ?? '';
      expectations.forget(uid);
      tracker.forget(uid);
      finished.delete(uid);
      startedAt.delete(uid);
      finishedAt.delete(uid);
    },
  });
  watchOwnedPods(pods, 'Job', expectations, key => queue.add(key));
  return { start: () => undefined, stop: () => queue.stop() };
}

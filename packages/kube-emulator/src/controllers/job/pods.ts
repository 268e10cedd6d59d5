import type { V1Job, V1JobStatus, V1Pod } from '@kubernetes/client-node';
import { setCondition, timestamp } from '../runtime/objects';
import { podFromTemplate } from '../runtime/pods';
import { INDEX_KEY } from './tracker';

/** Why a Job failed. */
export interface JobFailure {
  reason: 'BackoffLimitExceeded' | 'DeadlineExceeded';
  message: string;
}

/**
 * The completion indexes new pods should get: for an Indexed Job the lowest indexes neither
 * succeeded nor running; otherwise `count` pods without an index.
 */
export function indexesToStart(
  job: V1Job,
  active: V1Pod[],
  count: number,
  succeeded: Set<number>,
  completions: number | undefined,
): (number | undefined)[] {
  if (job.spec?.completionMode !== 'Indexed') {
    return Array.from({ length: count }, () => undefined);
  }
  const busy = new Set(
    active.map(p => Number(p.metadata?.annotations?.[INDEX_KEY])),
  );
  return Array.from({ length: completions ?? 0 }, (_, i) => i)
    .filter(i => !succeeded.has(i) && !busy.has(i))
    .slice(0, count);
}

/** A pod of the Job, labelled as the real controller labels them (and indexed when given). */
export function jobPod(job: V1Job, index: number | undefined): V1Pod {
  const name = job.metadata!.name!;
  const uid = job.metadata!.uid!;
  const labels: Record<string, string> = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const annotations: Record<string, string> = {};
  if (index !== undefined) {
    labels[INDEX_KEY] = String(index);
    annotations[INDEX_KEY] = String(index);
  }
  const pod = podFromTemplate(
    job.spec?.template,
    job as V1Job & { apiVersion: string; kind: string },
    { generateName: index === undefined ? `${name}-` : `${name}-${index}-` },
    { labels, annotations },
  );
  if (index !== undefined) {
    for (const c of pod.spec!.containers ?? []) {
      c.env = [
        ...(c.env ?? []),
        { name: 'JOB_COMPLETION_INDEX', value: String(index) },
      ];
    }
  }
  return pod;
}

/**
 * The final status of a Job, with the conditions the 1.31+ controller sets: SuccessCriteriaMet
 * and Complete (with completionTime), or FailureTarget and Failed.
 */
export function finishedStatus(
  status: V1JobStatus,
  failure: JobFailure | undefined,
): V1JobStatus {
  let conditions = status.conditions;
  const result = failure
    ? { status: 'True', reason: failure.reason, message: failure.message }
    : {
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      };
  for (const type of failure
    ? ['FailureTarget', 'Failed']
    : ['SuccessCriteriaMet', 'Complete']) {
    conditions = setCondition(conditions, { type, ...result });
  }
  return {
    ...status,
    active: 0,
    ready: 0,
    conditions,
    ...(failure ? {} : { completionTime: timestamp() }),
  };
}

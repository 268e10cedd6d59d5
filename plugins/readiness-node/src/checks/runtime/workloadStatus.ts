import {
  docsUrl,
  fail,
  objectCheck,
  pass,
  Verdict,
} from '../../engine/defineCheck';
import { get } from '../../kube/objects';
import { conditionDetail, findCondition, hasStatus } from '../../kube/status';
import { KubernetesObject } from '../../kube/types';

const num = (value: unknown, fallback = 0) =>
  typeof value === 'number' ? value : fallback;

function availability(object: KubernetesObject): Verdict {
  if (object.kind === 'DaemonSet') {
    const desired = num(get(object, 'status', 'desiredNumberScheduled'));
    const available = num(get(object, 'status', 'numberAvailable'));
    if (available >= desired)
      return pass(`${available} of ${desired} daemon pods are available.`);
    return fail(`Only ${available} of ${desired} daemon pods are available.`, [
      'status.numberAvailable',
    ]);
  }
  const desired = num(get(object, 'spec', 'replicas'), 1);
  if (object.kind === 'Deployment') {
    const { condition } = findCondition(object, 'Progressing');
    if (condition?.reason === 'ProgressDeadlineExceeded') {
      return fail(`The rollout is stuck${conditionDetail(condition)}.`, [
        'status.conditions',
      ]);
    }
  }
  // StatefulSets only report availableReplicas on newer clusters; readyReplicas is always there.
  const field =
    object.kind === 'StatefulSet' ? 'readyReplicas' : 'availableReplicas';
  const available = num(get(object, 'status', field));
  if (available >= desired)
    return pass(`${available} of ${desired} replicas are available.`);
  return fail(`Only ${available} of ${desired} replicas are available.`, [
    `status.${field}`,
  ]);
}

/** Fewer available replicas than desired: pods are failing, unschedulable or a rollout is stuck. */
export const workloadAvailability = objectCheck(
  {
    id: 'workload-availability',
    title: 'Workloads have their desired replicas available',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Look at the pods (kubectl describe) for crash loops, image pull errors, failing probes or unschedulable pods.',
    docsUrl: docsUrl('workload-availability'),
    appliesTo: ['Deployment', 'StatefulSet', 'DaemonSet'],
  },
  {
    select: context =>
      ['Deployment', 'StatefulSet', 'DaemonSet'].flatMap(kind =>
        context.ofKind(kind).filter(hasStatus),
      ),
    evaluate: availability,
  },
);

/** A Job that failed did not do its work, and a CronJob's failures repeat every schedule. */
export const jobFailed = objectCheck(
  {
    id: 'job-failed',
    title: 'Jobs complete without failing',
    severity: 'warning',
    category: 'reliability',
    remediation:
      "Read the failed pods' logs; raise backoffLimit or activeDeadlineSeconds only when the work needs it.",
    docsUrl: docsUrl('job-failed'),
    appliesTo: ['Job'],
  },
  {
    select: context => context.ofKind('Job').filter(hasStatus),
    evaluate(job) {
      const { condition, path } = findCondition(job, 'Failed');
      if (condition?.status === 'True')
        return fail(`The Job failed${conditionDetail(condition)}.`, [path]);
      return pass('The Job has not failed.');
    },
  },
);

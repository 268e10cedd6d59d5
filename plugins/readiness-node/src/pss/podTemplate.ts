import { asRecord, get } from '../kube/objects';
import { parseFieldPath } from '../kube/paths';
import { KubernetesObject } from '../kube/types';
import { toWorkload, Workload } from '../kube/workloads';
import { PodLike } from './types';

/** The pod, or pod template, a workload runs: its metadata (annotations) and spec. */
export function podLikeOfWorkload(workload: Workload): PodLike {
  const templatePath = parseFieldPath(workload.podSpecPath).slice(0, -1);
  const template = templatePath.length
    ? get(workload.object, ...templatePath)
    : workload.object;
  return {
    metadata: asRecord(get(template, 'metadata')) ?? {},
    spec: workload.podSpec,
  };
}

/**
 * The pod an object runs, as Pod Security Admission judges it: a Pod itself, or the pod template
 * of a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or CronJob
 * (`spec.jobTemplate.spec.template`). Undefined for objects that run no pods. Unlike the
 * readiness checks, pods owned by a controller are judged too: admission judges every pod.
 * @public
 */
export function podTemplateOf(object: KubernetesObject): PodLike | undefined {
  const metadata = asRecord(object.metadata);
  const workload = toWorkload(
    metadata
      ? { ...object, metadata: { ...metadata, ownerReferences: [] } }
      : object,
  );
  return workload && podLikeOfWorkload(workload);
}

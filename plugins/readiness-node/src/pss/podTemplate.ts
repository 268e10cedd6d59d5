import { asArray, asRecord, get } from '../kube/objects';
import { parseFieldPath } from '../kube/paths';
import { KubernetesObject } from '../kube/types';
import { toWorkload, Workload } from '../kube/workloads';
import { PodLike } from './types';

// The template's segments by pod spec path: a handful of paths (one per kind of workload), each
// parsed once rather than once per workload.
const templatePaths = new Map<string, Array<string | number>>();

function templatePathOf(podSpecPath: string): Array<string | number> {
  let path = templatePaths.get(podSpecPath);
  if (!path) {
    path = parseFieldPath(podSpecPath).slice(0, -1);
    templatePaths.set(podSpecPath, path);
  }
  return path;
}

/** The pod, or pod template, a workload runs: its metadata (annotations) and spec. */
export function podLikeOfWorkload(workload: Workload): PodLike {
  const templatePath = templatePathOf(workload.podSpecPath);
  const template = templatePath.length
    ? get(workload.object, ...templatePath)
    : workload.object;
  return {
    metadata: asRecord(get(template, 'metadata')) ?? {},
    spec: workload.podSpec,
  };
}

/**
 * The API server's defaulting for a Pod (not a template, since v1.28) with `hostNetwork: true`:
 * every container port without a hostPort gets its containerPort as hostPort. Admission sees the
 * defaulted pod, so its refusal lists those host ports too.
 */
function withHostNetworkPorts(spec: Record<string, unknown>) {
  if (spec.hostNetwork !== true) return spec;
  const defaulted = { ...spec };
  for (const field of ['initContainers', 'containers']) {
    if (!Array.isArray(spec[field])) continue;
    defaulted[field] = asArray<unknown>(spec[field]).map(item => {
      const container = asRecord(item);
      if (!container || !Array.isArray(container.ports)) return item;
      return {
        ...container,
        ports: container.ports.map((port: unknown) => {
          const record = asRecord(port);
          if (!record || Number(record.hostPort ?? 0) !== 0) return port;
          return { ...record, hostPort: record.containerPort };
        }),
      };
    });
  }
  return defaulted;
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
  if (!workload) return undefined;
  const pod = podLikeOfWorkload(workload);
  return workload.kind === 'Pod'
    ? {
        ...pod,
        spec: withHostNetworkPorts(workload.podSpec as Record<string, unknown>),
      }
    : pod;
}

import type {
  KubernetesObject,
  V1Pod,
  V1PodTemplateSpec,
} from '@kubernetes/client-node';
import { controllerRef, findCondition, toMillis, toPlain } from './objects';

/** Whether the pod has finished for good (Succeeded or Failed). */
export function isTerminal(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Whether the pod counts as a replica: not finished and not being deleted. */
export function isActive(pod: V1Pod): boolean {
  return !isTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/** Whether the pod's Ready condition is True. */
export function isReady(pod: V1Pod): boolean {
  return findCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/**
 * Whether the pod has been Ready for at least `minReadySeconds` (the workload controllers'
 * "available"); `msPerSecond` lets tests shorten the wait.
 */
export function isAvailable(
  pod: V1Pod,
  minReadySeconds: number | undefined,
  msPerSecond: number,
  now = Date.now(),
): boolean {
  if (!isReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = toMillis(
    findCondition(pod.status?.conditions, 'Ready')?.lastTransitionTime,
  );
  return Number.isNaN(since) || now - since >= minReadySeconds * msPerSecond;
}

/** Milliseconds until a Ready pod becomes available, or undefined when not applicable. */
export function msUntilAvailable(
  pod: V1Pod,
  minReadySeconds: number | undefined,
  msPerSecond: number,
  now = Date.now(),
): number | undefined {
  if (!isReady(pod) || !minReadySeconds) return undefined;
  const since = toMillis(
    findCondition(pod.status?.conditions, 'Ready')?.lastTransitionTime,
  );
  const left = since + minReadySeconds * msPerSecond - now;
  return left > 0 ? left : undefined;
}

/** The restarts of all containers of a pod. */
export function restartCount(pod: V1Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (sum, status) => sum + (status.restartCount ?? 0),
    0,
  );
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Running: 2 };

/**
 * Orders pods the way the ReplicaSet controller picks victims (controller.ActivePods): unbound
 * before bound, Pending before Running, not ready before ready, more restarts, then newest first.
 */
export function deletionOrder(a: V1Pod, b: V1Pod): number {
  const rank = (pod: V1Pod) => [
    pod.spec?.nodeName ? 1 : 0,
    PHASE_RANK[pod.status?.phase ?? ''] ?? 1,
    isReady(pod) ? 1 : 0,
    -restartCount(pod),
    -toMillis(pod.metadata?.creationTimestamp) || 0,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) {
    if (ra[i] !== rb[i]) return ra[i] - rb[i];
  }
  return 0;
}

/** Builds a pod from a workload's template, controlled by `owner`. */
export function podFromTemplate(
  template: V1PodTemplateSpec | undefined,
  owner: KubernetesObject & { apiVersion: string; kind: string },
  naming: { name?: string; generateName?: string },
  extra: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): V1Pod {
  const copy = toPlain(template ?? {}) as V1PodTemplateSpec;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...naming,
      namespace: owner.metadata?.namespace,
      labels: { ...copy.metadata?.labels, ...extra.labels },
      annotations: { ...copy.metadata?.annotations, ...extra.annotations },
      finalizers: copy.metadata?.finalizers,
      ownerReferences: [controllerRef(owner)],
    },
    spec: copy.spec ?? { containers: [] },
  };
}

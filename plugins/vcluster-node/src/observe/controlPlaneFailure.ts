import type { CoreV1Api, CoreV1Event, V1Pod } from '@kubernetes/client-node';

/**
 * Waiting reasons that mean the control plane will not start without someone changing
 * something (an image, a config, a crashing binary), as opposed to still starting.
 */
const STUCK_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
]);

function stuckContainer(pod: V1Pod): string | undefined {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const status of statuses) {
    const waiting = status.state?.waiting;
    if (waiting?.reason && STUCK_REASONS.has(waiting.reason)) {
      const detail = waiting.message ? `: ${waiting.message}` : '';
      return `${waiting.reason} (pod ${pod.metadata?.name}, container ${status.name})${detail}`;
    }
  }
  return undefined;
}

/** The StatefulSet controller's event when the namespace's ResourceQuota refuses the pod. */
function quotaRefusal(events: CoreV1Event[], name: string): string | undefined {
  const refusal = events
    .filter(
      e =>
        e.involvedObject?.kind === 'StatefulSet' &&
        e.involvedObject?.name === name &&
        e.reason === 'FailedCreate' &&
        /exceeded quota/i.test(e.message ?? ''),
    )
    .at(-1);
  return refusal && `QuotaExceeded: ${refusal.message}`;
}

/**
 * Why a vCluster's control plane cannot come up, read from its pods' container states and its
 * StatefulSet's events; undefined while nothing says it is stuck.
 */
export async function controlPlaneFailure(
  core: CoreV1Api,
  namespace: string,
  name: string,
): Promise<string | undefined> {
  const pods = await core.listNamespacedPod({
    namespace,
    labelSelector: `app=vcluster,release=${name}`,
  });
  for (const pod of pods.items) {
    const stuck = stuckContainer(pod);
    if (stuck) return stuck;
  }
  const events = await core.listNamespacedEvent({ namespace });
  return quotaRefusal(events.items, name);
}

import { CheckDefinition } from '@hatchway/plugin-readiness-common';
import { streamingCheck, Verdict } from '../../engine/defineCheck';
import { CheckContext, ReadinessCheck } from '../../engine/types';
import { get } from '../../kube/objects';
import { KubernetesObject } from '../../kube/types';

/** One entry of `status.containerStatuses` / `status.initContainerStatuses`. */
export interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
}

/** Every container status of a pod with its path. */
export function containerStatuses(pod: KubernetesObject) {
  const result: Array<{ status: ContainerStatus; path: string }> = [];
  for (const field of ['containerStatuses', 'initContainerStatuses']) {
    const statuses = get(pod, 'status', field);
    if (!Array.isArray(statuses)) continue;
    statuses.forEach((status, index) => {
      if (status && typeof status === 'object') {
        result.push({ status, path: `status.${field}[${index}]` });
      }
    });
  }
  return result;
}

/**
 * A runtime check judged per container of every pod that reports container statuses, whoever
 * owns the pod: "2 pods crash-looping" is about the pods running now.
 */
export function containerStatusCheck(
  definition: CheckDefinition,
  evaluate: (
    status: ContainerStatus,
    path: string,
    context: CheckContext,
  ) => Verdict,
): ReadinessCheck {
  return streamingCheck(definition, (context, emit) => {
    // The three runtime checks read the same statuses: list them once per evaluation.
    const pods = context.memo('container-statuses', () =>
      context.ofKind('Pod').map(pod => ({
        pod,
        ref: context.ref(pod),
        statuses: containerStatuses(pod),
      })),
    );
    for (const { pod, ref, statuses } of pods) {
      for (const { status, path } of statuses) {
        const verdict = evaluate(status, path, context);
        emit(ref, pod, verdict, String(status.name ?? path));
      }
    }
  });
}

import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { get } from '../../kube/objects';
import { KubernetesObject } from '../../kube/types';
import { Workload } from '../../kube/workloads';

/** The HorizontalPodAutoscaler that scales a workload, if one is in the set. */
export function autoscalerOf(
  workload: Workload,
  context: CheckContext,
): KubernetesObject | undefined {
  const name = workload.object.metadata?.name;
  return context
    .inNamespace(
      'HorizontalPodAutoscaler',
      context.namespaceOf(workload.object) ?? '',
    )
    .find(
      hpa =>
        get(hpa, 'spec', 'scaleTargetRef', 'kind') === workload.kind &&
        get(hpa, 'spec', 'scaleTargetRef', 'name') === name,
    );
}

/** An autoscaler's minReplicas, with the API server's default of 1. */
export function minReplicasOf(hpa: KubernetesObject): number {
  const min = get(hpa, 'spec', 'minReplicas');
  return typeof min === 'number' ? min : 1;
}

/**
 * An autoscaler whose maxReplicas does not exceed minReplicas never scales: it only hides a
 * fixed replica count. An unset minReplicas counts as 1, its default (Polaris passes it).
 */
export const hpaCanScale = objectCheck(
  {
    id: 'hpa-can-scale',
    title: 'HorizontalPodAutoscalers can scale',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Set spec.maxReplicas above spec.minReplicas, or drop the autoscaler and set replicas on the workload.',
    docsUrl: docsUrl('hpa-can-scale'),
    appliesTo: ['HorizontalPodAutoscaler'],
  },
  {
    select: context => context.ofKind('HorizontalPodAutoscaler', 'autoscaling'),
    evaluate(hpa) {
      const max = get(hpa, 'spec', 'maxReplicas');
      if (typeof max !== 'number') return undefined;
      const min = minReplicasOf(hpa);
      if (max > min)
        return pass(
          `The autoscaler scales between ${min} and ${max} replicas.`,
        );
      return fail(
        `maxReplicas (${max}) is not above minReplicas (${min}): the autoscaler cannot scale.`,
        ['spec.maxReplicas'],
      );
    },
  },
);

import {
  docsUrl,
  fail,
  objectCheck,
  pass,
  workloadCheck,
} from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { asRecord, get } from '../../kube/objects';
import { KubernetesObject } from '../../kube/types';
import { SelectorIndex } from '../../kube/selectorIndex';
import { Workload } from '../../kube/workloads';
import { autoscalerOf, minReplicasOf } from './autoscaling';

const newBudgetIndexes = () =>
  new Map<string, SelectorIndex<KubernetesObject>>();

/** The PodDisruptionBudget that selects a workload's pods, if any. */
export function budgetOf(
  workload: Workload,
  context: CheckContext,
): KubernetesObject | undefined {
  const namespace = context.namespaceOf(workload.object) ?? '';
  // By namespace in one memo: a memo key built per workload would be a fresh string to hash.
  const byNamespace = context.memo('pod-disruption-budgets', newBudgetIndexes);
  let budgets = byNamespace.get(namespace);
  if (!budgets) {
    budgets = new SelectorIndex(
      context.inNamespace('PodDisruptionBudget', namespace),
      pdb => asRecord(get(pdb, 'spec', 'selector')),
    );
    byNamespace.set(namespace, budgets);
  }
  return budgets.find(workload.podLabels);
}

/** `3` or `'50%'` as pods out of `total`, percentages rounded up like the disruption controller. */
function podsOf(value: unknown, total: number): number | undefined {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(String(value));
  return percent ? Math.ceil((Number(percent[1]) * total) / 100) : undefined;
}

/**
 * A budget with maxUnavailable 0 (or minAvailable 100%) forbids every voluntary eviction: node
 * drains, cluster upgrades and autoscaler scale-downs hang until someone deletes it. The
 * Kubernetes docs allow it for a singleton whose owner must be consulted first; exempt those.
 */
export const pdbAllowsDisruptions = objectCheck(
  {
    id: 'pdb-allows-disruptions',
    title: 'PodDisruptionBudgets allow at least one eviction',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Set maxUnavailable to 1 or more (or minAvailable below the replica count) so drains can proceed.',
    docsUrl: docsUrl('pdb-allows-disruptions'),
    appliesTo: ['PodDisruptionBudget'],
  },
  {
    select: context => context.ofKind('PodDisruptionBudget', 'policy'),
    evaluate(pdb) {
      const maxUnavailable = get(pdb, 'spec', 'maxUnavailable');
      const minAvailable = get(pdb, 'spec', 'minAvailable');
      if (maxUnavailable === 0 || maxUnavailable === '0%')
        return fail('maxUnavailable is 0: no pod may ever be evicted.', [
          'spec.maxUnavailable',
        ]);
      if (minAvailable === '100%')
        return fail('minAvailable is 100%: no pod may ever be evicted.', [
          'spec.minAvailable',
        ]);
      return pass('The budget allows voluntary evictions.');
    },
  },
);

/**
 * When the budget's minAvailable reaches the autoscaler's minReplicas, an idle workload scaled
 * down to its minimum can lose no pod, and drains block. Polaris fails only above minReplicas;
 * equal blocks evictions just the same, so Hatchway fails it too.
 */
export const pdbWithinHpaMinReplicas = workloadCheck(
  {
    id: 'pdb-within-hpa-min-replicas',
    title: "PodDisruptionBudgets stay below the autoscaler's minReplicas",
    severity: 'warning',
    category: 'reliability',
    remediation:
      "Lower the PodDisruptionBudget's minAvailable below the HorizontalPodAutoscaler's minReplicas (or raise minReplicas).",
    docsUrl: docsUrl('pdb-within-hpa-min-replicas'),
  },
  {
    appliesTo: workload =>
      ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(workload.kind),
    evaluate(workload, context) {
      const hpa = autoscalerOf(workload, context);
      const pdb = hpa && budgetOf(workload, context);
      if (!hpa || !pdb) return undefined;
      const min = minReplicasOf(hpa);
      // Budgets set by maxUnavailable scale with the replicas; only minAvailable can collide.
      const needed = podsOf(get(pdb, 'spec', 'minAvailable'), min);
      if (needed === undefined) return undefined;
      const names = `PodDisruptionBudget ${pdb.metadata?.name} and HorizontalPodAutoscaler ${hpa.metadata?.name}`;
      if (needed < min)
        return pass(
          `${names} leave ${min - needed} pod(s) evictable at minimum scale.`,
        );
      return fail(
        `${names}: minAvailable (${needed}) is not below minReplicas (${min}), so no pod can be evicted at minimum scale.`,
      );
    },
  },
);

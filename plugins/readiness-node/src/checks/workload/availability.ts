import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';
import { asArray, get } from '../../kube/objects';
import { Workload } from '../../kube/workloads';
import { autoscalerOf, minReplicasOf } from './autoscaling';
import { budgetOf } from './disruptionBudgets';

/** Kinds whose replica count the owner chooses (DaemonSets run one pod per node instead). */
const REPLICATED = [
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
];
const isReplicated = (workload: Workload) => REPLICATED.includes(workload.kind);

/**
 * One replica means every node drain or crash is an outage. A warning by default, as Polaris
 * reports it (`deploymentMissingReplicas`, `hpaMinAvailability`); danger in the production profile.
 */
export const minReplicas = workloadCheck(
  {
    id: 'min-replicas',
    title: 'At least two replicas',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Run at least 2 replicas (spec.replicas, or a HorizontalPodAutoscaler with minReplicas ≥ 2).',
    docsUrl: docsUrl('min-replicas'),
  },
  {
    appliesTo: isReplicated,
    evaluate(workload, context) {
      const autoscaler = autoscalerOf(workload, context);
      if (autoscaler) {
        const min = minReplicasOf(autoscaler);
        if (min >= 2)
          return pass(
            `HorizontalPodAutoscaler keeps at least ${min} replicas.`,
          );
        return fail(
          `HorizontalPodAutoscaler ${autoscaler.metadata?.name} allows ${min} replica.`,
        );
      }
      const replicas = get(workload.object, 'spec', 'replicas') ?? 1;
      if (typeof replicas === 'number' && replicas >= 2)
        return pass(`Runs ${replicas} replicas.`);
      return fail(
        `Runs ${replicas} replica; a single node failure takes it down.`,
        ['spec.replicas'],
      );
    },
  },
);

/**
 * Replicas on one node fail together; anti-affinity or a topology spread keeps them apart.
 * A warning by default, as Polaris reports it (`topologySpreadConstraint`); danger in production.
 */
export const antiAffinityOrSpread = workloadCheck(
  {
    id: 'anti-affinity-or-spread',
    title: 'Replicas are spread by anti-affinity or topology spread',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Add topologySpreadConstraints (e.g. over kubernetes.io/hostname) or a podAntiAffinity to the pod template.',
    docsUrl: docsUrl('anti-affinity-or-spread'),
  },
  {
    appliesTo: isReplicated,
    evaluate(workload) {
      const spec = workload.podSpec;
      const anti = spec.affinity?.podAntiAffinity;
      const hasAnti =
        asArray(anti?.requiredDuringSchedulingIgnoredDuringExecution).length >
          0 ||
        asArray(anti?.preferredDuringSchedulingIgnoredDuringExecution).length >
          0;
      if (hasAnti) return pass('Pods have a pod anti-affinity.');
      if (asArray(spec.topologySpreadConstraints).length > 0) {
        return pass('Pods have topology spread constraints.');
      }
      return fail(
        'Pods may all land on one node: no anti-affinity and no topology spread.',
        [workload.at('topologySpreadConstraints')],
      );
    },
  },
);

/** Without a PodDisruptionBudget a node drain may evict every replica at once. */
export const pdbCoverage = workloadCheck(
  {
    id: 'pdb-coverage',
    title: 'A PodDisruptionBudget covers the workload',
    severity: 'warning',
    category: 'reliability',
    remediation:
      "Add a PodDisruptionBudget whose selector matches the pod template's labels.",
    docsUrl: docsUrl('pdb-coverage'),
  },
  {
    appliesTo: isReplicated,
    evaluate(workload, context) {
      const budget = budgetOf(workload, context);
      if (budget)
        return pass(
          `PodDisruptionBudget ${budget.metadata?.name} covers the pods.`,
        );
      return fail('No PodDisruptionBudget selects the pods.');
    },
  },
);

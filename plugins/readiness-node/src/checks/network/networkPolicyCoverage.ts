import { docsUrl, fail, pass, workloadCheck } from '../../engine/defineCheck';
import { SelectorIndex } from '../../kube/selectorIndex';
import { policiesIn } from './policies';

/** Pods no NetworkPolicy selects accept and send any traffic. */
export const networkPolicyCoverage = workloadCheck(
  {
    id: 'network-policy-coverage',
    title: 'A NetworkPolicy selects the pods',
    severity: 'warning',
    category: 'networking',
    remediation:
      'Add a NetworkPolicy whose podSelector matches the pods (a namespace default-deny with an empty podSelector covers every pod).',
    docsUrl: docsUrl('network-policy-coverage'),
  },
  {
    evaluate(workload, context) {
      const namespace = context.namespaceOf(workload.object) ?? '';
      const policies = context.memo(
        `network-policy-coverage:${namespace}`,
        () =>
          new SelectorIndex(policiesIn(context, namespace), p => p.podSelector),
      );
      const policy = policies.find(workload.podLabels);
      if (policy) return pass(`NetworkPolicy ${policy.name} selects the pods.`);
      return fail(
        `No NetworkPolicy in namespace ${namespace} selects the pods.`,
      );
    },
  },
);

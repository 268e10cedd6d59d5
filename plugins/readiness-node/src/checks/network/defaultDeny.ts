import { docsUrl, fail, namespaceCheck, pass } from '../../engine/defineCheck';
import { ReadinessCheck } from '../../engine/types';
import { allowsEverything, policiesIn, selectsAllPods } from './policies';

/**
 * A namespace is default-deny in a direction when a policy selecting every pod isolates that
 * direction without an allow-everything rule; other policies then open only what they name.
 */
function defaultDenyCheck(direction: 'ingress' | 'egress'): ReadinessCheck {
  const id = `default-deny-${direction}`;
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  return namespaceCheck(
    {
      id,
      title: `Namespaces deny ${direction} by default`,
      severity: 'warning',
      category: 'networking',
      remediation: `Add a NetworkPolicy with podSelector: {} and policyTypes: [${type}] and no ${direction} rules, then allow what each workload needs.`,
      docsUrl: docsUrl(id),
      appliesTo: ['Namespace'],
    },
    {
      evaluate(namespace, context) {
        const rulesOf = (p: ReturnType<typeof policiesIn>[number]) =>
          direction === 'ingress' ? p.ingressRules : p.egressRules;
        const peers = direction === 'ingress' ? 'from' : 'to';
        const policy = policiesIn(context, namespace).find(
          p =>
            p[direction] &&
            selectsAllPods(p.podSelector) &&
            !rulesOf(p).some(rule => allowsEverything(rule, peers)),
        );
        if (policy)
          return pass(
            `NetworkPolicy ${policy.name} denies ${direction} by default.`,
          );
        return fail(
          `Namespace ${namespace} has no default-deny ${direction} NetworkPolicy.`,
        );
      },
    },
  );
}

export const defaultDenyIngress = defaultDenyCheck('ingress');
export const defaultDenyEgress = defaultDenyCheck('egress');

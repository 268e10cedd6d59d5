import { CheckContext } from '../../engine/types';
import { asArray, asRecord, get } from '../../kube/objects';
import { KubernetesObject, LabelSelector } from '../../kube/types';

/** A rule of a NetworkPolicy, with the fields the checks read. */
export interface PolicyRule {
  to?: unknown[];
  from?: unknown[];
  ports?: Array<{
    port?: number | string;
    endPort?: number;
    protocol?: string;
  }>;
}

/** A NetworkPolicy read defensively, with its effective policy types. */
export interface PolicyView {
  object: KubernetesObject;
  name: string;
  podSelector: LabelSelector;
  ingress: boolean;
  egress: boolean;
  ingressRules: PolicyRule[];
  egressRules: PolicyRule[];
}

/** The NetworkPolicies of a namespace. */
export function policiesIn(
  context: CheckContext,
  namespace: string,
): PolicyView[] {
  return context
    .inNamespace('NetworkPolicy', namespace)
    .filter(p => p.apiVersion?.startsWith('networking.k8s.io/'))
    .map(object => {
      const spec = asRecord(object.spec) ?? {};
      const types = asArray<string>(spec.policyTypes);
      // Without policyTypes, Ingress always applies and Egress applies when egress rules exist.
      const hasTypes = types.length > 0;
      return {
        object,
        name: object.metadata?.name ?? '(unnamed)',
        podSelector: (asRecord(spec.podSelector) ?? {}) as LabelSelector,
        ingress: hasTypes ? types.includes('Ingress') : true,
        egress: hasTypes ? types.includes('Egress') : spec.egress !== undefined,
        ingressRules: asArray<PolicyRule>(spec.ingress),
        egressRules: asArray<PolicyRule>(spec.egress),
      };
    });
}

/** Whether a pod selector is empty, i.e. selects every pod of the namespace. */
export function selectsAllPods(selector: LabelSelector): boolean {
  return (
    Object.keys(asRecord(selector.matchLabels) ?? {}).length === 0 &&
    asArray(selector.matchExpressions).length === 0
  );
}

/** A rule with neither peers nor ports allows everything in its direction. */
export function allowsEverything(
  rule: PolicyRule,
  peers: 'to' | 'from',
): boolean {
  return (
    asArray(get(rule, peers)).length === 0 && asArray(rule?.ports).length === 0
  );
}

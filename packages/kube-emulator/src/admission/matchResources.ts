import type { KubeObject } from '../types';
import { isObject } from '../util/json';
import { labelSelectorRequirements, matchesLabels } from '../server/selectors';
import type { AdmissionAttributes } from './attributes';

/**
 * Whether a request matches a policy's matchConstraints or a binding's matchResources, as the
 * API server's policy matcher decides (admission/plugin/cel/matching and the webhook predicates):
 * namespaceSelector, then objectSelector, then excludeResourceRules, then resourceRules (a binding
 * without resourceRules takes every request its policy matched).
 */
export function matchesResources(
  match: unknown,
  attrs: AdmissionAttributes,
  namespaceLabels: (name: string) => Record<string, string> | undefined,
  isBinding: boolean,
): boolean {
  const m = isObject(match) ? match : {};
  if (!namespaceSelectorMatches(m.namespaceSelector, attrs, namespaceLabels))
    return false;
  if (!objectSelectorMatches(m.objectSelector, attrs)) return false;
  if (rulesMatch(m.excludeResourceRules, attrs)) return false;
  if (isBinding && m.resourceRules === undefined) return true;
  return rulesMatch(m.resourceRules, attrs);
}

const isEmptySelector = (s: unknown) =>
  !isObject(s) ||
  (Object.keys(s.matchLabels ?? {}).length === 0 &&
    (s.matchExpressions ?? []).length === 0);

function selects(selector: unknown, labels: Record<string, string>): boolean {
  const reqs = labelSelectorRequirements(selector);
  return reqs !== undefined && matchesLabels(reqs, labels);
}

const isNamespaceRequest = (a: AdmissionAttributes) =>
  a.group === '' && a.resource === 'namespaces';

/**
 * Cluster-scoped requests other than namespaces always match; a namespace being created or
 * updated is judged by the labels it is written with, anything else by its namespace's labels.
 */
function namespaceSelectorMatches(
  selector: unknown,
  attrs: AdmissionAttributes,
  namespaceLabels: (name: string) => Record<string, string> | undefined,
): boolean {
  if (!attrs.namespace && !isNamespaceRequest(attrs)) return true;
  if (isEmptySelector(selector)) return true;
  let labels: Record<string, string> | undefined;
  if (
    isNamespaceRequest(attrs) &&
    !attrs.subresource &&
    attrs.operation !== 'DELETE'
  )
    labels = attrs.object?.metadata?.labels ?? {};
  else labels = namespaceLabels(attrs.namespace);
  return selects(selector, labels ?? {});
}

/** The object or the old object must carry matching labels. */
function objectSelectorMatches(
  selector: unknown,
  attrs: AdmissionAttributes,
): boolean {
  if (isEmptySelector(selector)) return true;
  const matches = (obj: KubeObject | null) =>
    !!obj && selects(selector, obj.metadata?.labels ?? {});
  return matches(attrs.object) || matches(attrs.oldObject);
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

const listHas = (list: string[], value: string) =>
  list.includes('*') || list.includes(value);

/** One NamedRuleWithOperations against the request (webhook predicates/rules). */
function ruleMatches(rule: Record<string, any>, a: AdmissionAttributes) {
  if (!listHas(strings(rule.operations), a.operation)) return false;
  if (!listHas(strings(rule.apiGroups), a.group)) return false;
  if (!listHas(strings(rule.apiVersions), a.version)) return false;
  const resourceOk = strings(rule.resources).some(r => {
    const [res, sub = ''] = r.split('/', 2);
    return (
      (res === '*' || res === a.resource) &&
      (sub === '*' || sub === a.subresource)
    );
  });
  if (!resourceOk) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Namespaced' && (isNamespaceRequest(a) || !a.namespace))
    return false;
  if (scope === 'Cluster' && !isNamespaceRequest(a) && a.namespace)
    return false;
  const names = strings(rule.resourceNames);
  return names.length === 0 || names.includes(a.name);
}

function rulesMatch(rules: unknown, attrs: AdmissionAttributes): boolean {
  return (Array.isArray(rules) ? rules : []).some(
    r => isObject(r) && ruleMatches(r, attrs),
  );
}

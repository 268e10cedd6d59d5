import { CheckContext } from '../../engine/types';
import { asArray, get } from '../../kube/objects';
import { KubernetesObject } from '../../kube/types';

/** A PolicyRule of a Role or ClusterRole. */
export interface RbacRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

/** Roles and bindings Kubernetes itself creates and reconciles; flagging them helps nobody. */
export function isSystemObject(object: KubernetesObject): boolean {
  const name = object.metadata?.name ?? '';
  return (
    name.startsWith('system:') ||
    object.metadata?.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults'
  );
}

/** Roles and ClusterRoles not created by Kubernetes itself. */
export function userRoles(context: CheckContext): KubernetesObject[] {
  return [
    ...context.ofKind('Role', 'rbac.authorization.k8s.io'),
    ...context.ofKind('ClusterRole', 'rbac.authorization.k8s.io'),
  ].filter(role => !isSystemObject(role));
}

export function rulesOf(role: KubernetesObject): RbacRule[] {
  return asArray<RbacRule>(role.rules).filter(
    rule => rule && typeof rule === 'object',
  );
}

/** Whether a rule grants any of the verbs on any of the resources of the core API group. */
export function grantsCore(
  rule: RbacRule,
  resources: string[],
  verbs: string[],
): boolean {
  const groups = asArray<string>(rule.apiGroups);
  if (!groups.includes('') && !groups.includes('*')) return false;
  const ruleResources = asArray<string>(rule.resources);
  const ruleVerbs = asArray<string>(rule.verbs);
  return (
    (ruleResources.includes('*') ||
      resources.some(r => ruleResources.includes(r))) &&
    (ruleVerbs.includes('*') || verbs.some(v => ruleVerbs.includes(v)))
  );
}

/**
 * The subjects bound to a role, as `User jane`, `Group team-a`, `ServiceAccount ns/name`,
 * so a finding about a role says who actually holds it.
 */
export function boundSubjects(
  context: CheckContext,
  role: KubernetesObject,
): string[] {
  const roleNamespace =
    role.kind === 'Role' ? context.namespaceOf(role) : undefined;
  const bindings = [
    ...context.ofKind('RoleBinding', 'rbac.authorization.k8s.io'),
    ...context.ofKind('ClusterRoleBinding', 'rbac.authorization.k8s.io'),
  ].filter(
    binding =>
      get(binding, 'roleRef', 'kind') === role.kind &&
      get(binding, 'roleRef', 'name') === role.metadata?.name &&
      (roleNamespace === undefined ||
        context.namespaceOf(binding) === roleNamespace),
  );
  const subjects = bindings.flatMap(binding =>
    asArray<{ kind?: string; name?: string; namespace?: string }>(
      binding.subjects,
    ).map(s =>
      s?.kind === 'ServiceAccount'
        ? `ServiceAccount ${s.namespace ?? context.namespaceOf(binding)}/${
            s.name
          }`
        : `${s?.kind} ${s?.name}`,
    ),
  );
  return [...new Set(subjects)];
}

/** ` (bound to User jane, Group ops)` or an empty string. */
export function boundSuffix(
  context: CheckContext,
  role: KubernetesObject,
): string {
  const subjects = boundSubjects(context, role);
  return subjects.length ? ` (bound to ${subjects.join(', ')})` : '';
}

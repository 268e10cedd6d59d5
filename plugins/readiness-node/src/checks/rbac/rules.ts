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

/** exec is a `create` (or a websocket `get`) on pods/exec; attach likewise on pods/attach. */
export function grantsPodExec(rule: RbacRule): boolean {
  return grantsCore(rule, ['pods/exec', 'pods/attach'], ['create', 'get']);
}

const EVERY_VERB = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
];

/**
 * Whether a rule grants everything, as cluster-admin does: every resource of every API group,
 * with `*` or all seven standard verbs (the way Polaris recognises a cluster-admin copy).
 */
export function grantsEverything(rule: RbacRule): boolean {
  const verbs = asArray<string>(rule.verbs);
  return (
    asArray(rule.apiGroups).includes('*') &&
    asArray(rule.resources).includes('*') &&
    (verbs.includes('*') || EVERY_VERB.every(verb => verbs.includes(verb)))
  );
}

/** The role a binding refers to, if it is in the set (a Role in the binding's namespace). */
export function roleOf(
  binding: KubernetesObject,
  context: CheckContext,
): KubernetesObject | undefined {
  const kind = get(binding, 'roleRef', 'kind');
  const name = String(get(binding, 'roleRef', 'name') ?? '');
  if (kind === 'ClusterRole')
    return context.find('ClusterRole', undefined, name);
  if (kind === 'Role')
    return context.find('Role', context.namespaceOf(binding), name);
  return undefined;
}

/** A subject of a binding. */
export interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Users and groups named `system:*` and kube-system service accounts are Kubernetes' own. */
export function isSystemSubject(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount')
    return subject.namespace === 'kube-system';
  return (subject.name ?? '').startsWith('system:');
}

/** A binding's subjects that are not Kubernetes' own, with their index in `subjects`. */
export function userSubjects(
  binding: KubernetesObject,
): Array<{ subject: Subject; index: number }> {
  return asArray<Subject>(binding.subjects)
    .map((subject, index) => ({ subject, index }))
    .filter(({ subject }) => subject && !isSystemSubject(subject));
}

/**
 * The RoleBindings, then the ClusterRoleBindings, by the kind and name of the role they bind:
 * built once per evaluation, instead of every failing role scanning every binding.
 */
function bindingsByRole(
  context: CheckContext,
): Map<unknown, Map<unknown, KubernetesObject[]>> {
  return context.memo('rbac-bindings-by-role', () => {
    const byKind = new Map<unknown, Map<unknown, KubernetesObject[]>>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const binding of context.ofKind(kind, 'rbac.authorization.k8s.io')) {
        const roleKind = get(binding, 'roleRef', 'kind');
        const roleName = get(binding, 'roleRef', 'name');
        let byName = byKind.get(roleKind);
        if (!byName) {
          byName = new Map();
          byKind.set(roleKind, byName);
        }
        const list = byName.get(roleName);
        if (list) list.push(binding);
        else byName.set(roleName, [binding]);
      }
    }
    return byKind;
  });
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
  const bindings = (
    bindingsByRole(context).get(role.kind)?.get(role.metadata?.name) ?? []
  ).filter(
    binding =>
      roleNamespace === undefined ||
      context.namespaceOf(binding) === roleNamespace,
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

import type { Core } from '../core/Core';
import type { AuthenticatedUser } from './auth';
import { SUPERUSER_GROUP } from './auth';
import type { KubeObject } from '../types';

/** What a request wants to do, as the authorizer sees it. */
export interface Attributes {
  verb: string;
  isResource: boolean;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

/** A PolicyRule. */
export interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const has = (list: string[] | undefined, v: string) =>
  !!list && (list.includes('*') || list.includes(v));

/** Whether one rule allows the request (verbs, groups, resources incl. subresources, names, URLs). */
export function ruleAllows(rule: Rule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.isResource) {
    return (rule.nonResourceURLs ?? []).some(
      u =>
        u === '*' ||
        u === a.path ||
        (u.endsWith('*') && (a.path ?? '').startsWith(u.slice(0, -1))),
    );
  }
  if (!has(rule.apiGroups, a.group ?? '')) return false;
  const combined = a.subresource
    ? `${a.resource}/${a.subresource}`
    : a.resource!;
  const resources = rule.resources ?? [];
  const resourceOk =
    resources.includes('*') ||
    resources.includes(combined) ||
    (!!a.subresource && resources.includes(`*/${a.subresource}`));
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

function subjectMatches(
  s: any,
  user: AuthenticatedUser,
  bindingNs: string,
): boolean {
  switch (s?.kind) {
    case 'User':
      return s.name === user.username;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount':
      return (
        user.username ===
        `system:serviceaccount:${s.namespace || bindingNs}:${s.name}`
      );
    default:
      return false;
  }
}

/** The message the RBAC-denied request's Forbidden status carries (after "<resource> is forbidden: "). */
export function forbiddenReason(
  user: AuthenticatedUser,
  a: Attributes,
): string {
  if (!a.isResource)
    return `User "${user.username}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource
    ? `${a.resource}/${a.subresource}`
    : a.resource;
  const scope = a.namespace
    ? `in the namespace "${a.namespace}"`
    : 'at the cluster scope';
  return `User "${user.username}" cannot ${
    a.verb
  } resource "${resource}" in API group "${a.group ?? ''}" ${scope}`;
}

/** Role-based access control evaluated against the stored Roles, ClusterRoles and bindings. */
export class RbacAuthorizer {
  constructor(private readonly core: Core) {}

  private roleRules(kind: string, name: string, ns: string): Rule[] {
    const key =
      kind === 'ClusterRole'
        ? 'clusterroles.rbac.authorization.k8s.io'
        : 'roles.rbac.authorization.k8s.io';
    const so = this.core.store.get(key, kind === 'ClusterRole' ? '' : ns, name);
    return Array.isArray(so?.obj.rules) ? so!.obj.rules : [];
  }

  /** Every rule that applies to the user in a namespace ('' for cluster-wide only). */
  rulesFor(user: AuthenticatedUser, namespace: string): Rule[] {
    const rules: Rule[] = [];
    const collect = (b: KubeObject, ns: string) => {
      if (!(b.subjects ?? []).some((s: any) => subjectMatches(s, user, ns)))
        return;
      rules.push(...this.roleRules(b.roleRef?.kind, b.roleRef?.name, ns));
    };
    for (const so of this.core.store.list(
      'clusterrolebindings.rbac.authorization.k8s.io',
    ))
      collect(so.obj, '');
    if (namespace) {
      for (const so of this.core.store.list(
        'rolebindings.rbac.authorization.k8s.io',
        namespace,
      ))
        collect(so.obj, namespace);
    }
    return rules;
  }

  /** Whether the user may do it. */
  allowed(user: AuthenticatedUser, a: Attributes): boolean {
    if (user.groups.includes(SUPERUSER_GROUP)) return true;
    return this.rulesFor(user, a.isResource ? a.namespace ?? '' : '').some(r =>
      ruleAllows(r, a),
    );
  }
}

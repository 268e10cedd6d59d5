/** The RBAC objects and the ordered table of writes that rbacEscalation.test.ts sends. */

export const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const rbacRef = (kind: string, name: string) => ({
  apiGroup: 'rbac.authorization.k8s.io',
  kind,
  name,
});
export const binding = (name: string, roleKind: string, roleName: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name, namespace: 'team' },
  roleRef: rbacRef(roleKind, roleName),
  subjects: [{ kind: 'User', name: 'nobody' }],
});
export const role = (name: string, rules: object[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name, namespace: 'team' },
  rules,
});
export const podRule = (...verbs: string[]) => ({
  apiGroups: [''],
  resources: ['pods'],
  verbs,
});

/**
 * One write of a Role or RoleBinding in namespace team, by create (POST) or server-side apply,
 * and what the API server answers. In order: later rows rely on what earlier ones created.
 */
export interface Write {
  why: string;
  user: string;
  how: 'create' | 'apply';
  object: { kind: string; metadata: { name: string } };
  status: number;
  message?: string | RegExp;
}
export const NOT_HELD =
  /is attempting to grant RBAC permissions not currently held/;
export const toClusterRole = (name: string, roleName: string) =>
  binding(name, 'ClusterRole', roleName);
export const WRITES: Write[] = [
  // dana may write RoleBindings but holds no bind.
  {
    why: 'binding cluster-admin without bind',
    user: 'dana',
    how: 'apply',
    object: toClusterRole('dana-admin', 'cluster-admin'),
    status: 403,
    message: NOT_HELD,
  },
  {
    why: 'binding a role whose permissions the user holds there',
    user: 'dana',
    how: 'create',
    object: toClusterRole('dana-pods', 'pod-reader'),
    status: 201,
  },
  {
    why: 'binding a role with permissions the user lacks, listed merged by resource',
    user: 'dana',
    how: 'create',
    object: toClusterRole('dana-secrets', 'secret-reader'),
    status: 403,
    message:
      /not currently held:\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get" "list"\]\}$/,
  },
  {
    why: 'binding a missing role without bind (404 for the role)',
    user: 'dana',
    how: 'create',
    object: toClusterRole('dana-nope', 'nope'),
    status: 404,
    message: 'clusterroles.rbac.authorization.k8s.io "nope" not found',
  },
  // erin may bind the secret-reader ClusterRole only (bind with resourceNames).
  {
    why: 'binding the role bind names',
    user: 'erin',
    how: 'create',
    object: toClusterRole('erin-secrets', 'secret-reader'),
    status: 201,
  },
  {
    why: 'binding another role',
    user: 'erin',
    how: 'create',
    object: toClusterRole('erin-admin', 'cluster-admin'),
    status: 403,
    message: NOT_HELD,
  },
  {
    why: 'binding another role by apply',
    user: 'erin',
    how: 'apply',
    object: toClusterRole('erin-admin', 'cluster-admin'),
    status: 403,
    message: NOT_HELD,
  },
  {
    why: 'binding the role bind names, by apply',
    user: 'erin',
    how: 'apply',
    object: toClusterRole('erin-applied', 'secret-reader'),
    status: 201,
  },
  // frank may patch RoleBindings and bind anything, but not create RoleBindings.
  {
    why: 'an apply that creates is authorized as create too',
    user: 'frank',
    how: 'apply',
    object: toClusterRole('frank-new', 'pod-reader'),
    status: 403,
    message:
      'rolebindings.rbac.authorization.k8s.io "frank-new" is forbidden: ',
  },
  {
    why: 'the same apply to an existing binding is a patch',
    user: 'frank',
    how: 'apply',
    object: toClusterRole('erin-secrets', 'secret-reader'),
    status: 200,
  },
  // gail reads pods and writes Roles, without escalate.
  {
    why: 'a Role granting what its author holds',
    user: 'gail',
    how: 'create',
    object: role('pods-get', [podRule('get')]),
    status: 201,
  },
  {
    why: 'a Role granting more than its author holds',
    user: 'gail',
    how: 'create',
    object: role('pods-delete', [podRule('get', 'delete')]),
    status: 403,
    message:
      'roles.rbac.authorization.k8s.io "pods-delete" is forbidden: user "gail" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
  },
  {
    why: 'a Role granting more than its author holds, by apply',
    user: 'gail',
    how: 'apply',
    object: role('pods-more', [podRule('get', 'delete')]),
    status: 403,
    message: NOT_HELD,
  },
  {
    why: 'the same Role within what its author holds, by apply',
    user: 'gail',
    how: 'apply',
    object: role('pods-more', [podRule('get')]),
    status: 201,
  },
  // hank may escalate Roles; ivy may escalate the Role named grow only.
  {
    why: 'escalate on roles writes any Role',
    user: 'hank',
    how: 'create',
    object: role('pods-delete', [podRule('get', 'delete')]),
    status: 201,
  },
  {
    why: 'escalate by name does not apply to a POST, which has no name to authorize',
    user: 'ivy',
    how: 'create',
    object: role('grow', [podRule('delete')]),
    status: 403,
    message: NOT_HELD,
  },
  {
    why: 'escalate by name applies to an apply of that Role',
    user: 'ivy',
    how: 'apply',
    object: role('grow', [podRule('delete')]),
    status: 201,
  },
  {
    why: 'escalate by name does not cover another Role',
    user: 'ivy',
    how: 'apply',
    object: role('other', [podRule('delete')]),
    status: 403,
    message: NOT_HELD,
  },
  {
    why: 'system:masters binds anything',
    user: 'admin',
    how: 'create',
    object: toClusterRole('admin-binds', 'cluster-admin'),
    status: 201,
  },
];

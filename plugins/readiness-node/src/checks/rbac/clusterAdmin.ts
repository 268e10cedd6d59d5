import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { get } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { KubernetesObject } from '../../kube/types';
import {
  grantsEverything,
  isSystemObject,
  roleOf,
  rulesOf,
  userSubjects,
} from './rules';

/** cluster-admin, or a Role or ClusterRole in the set that grants everything. */
function isClusterAdminRole(
  binding: KubernetesObject,
  context: CheckContext,
): boolean {
  if (
    get(binding, 'roleRef', 'kind') === 'ClusterRole' &&
    get(binding, 'roleRef', 'name') === 'cluster-admin'
  )
    return true;
  const role = roleOf(binding, context);
  return !!role && rulesOf(role).some(grantsEverything);
}

/** Whoever holds cluster-admin holds the whole cluster, and every secret in it. */
export const rbacClusterAdminBinding = objectCheck(
  {
    id: 'rbac-cluster-admin-binding',
    title: 'cluster-admin is bound only to system subjects',
    severity: 'danger',
    category: 'rbac',
    remediation:
      'Bind a role with only the permissions needed; keep cluster-admin for break-glass access through system:masters.',
    docsUrl: docsUrl('rbac-cluster-admin-binding'),
    appliesTo: ['ClusterRoleBinding', 'RoleBinding'],
  },
  {
    select: context =>
      [
        ...context.ofKind('ClusterRoleBinding', 'rbac.authorization.k8s.io'),
        ...context.ofKind('RoleBinding', 'rbac.authorization.k8s.io'),
      ].filter(b => !isSystemObject(b) || isClusterAdminRole(b, context)),
    evaluate(binding, context) {
      if (!isClusterAdminRole(binding, context))
        return pass('The binding grants no cluster-admin.');
      const subjects = userSubjects(binding);
      const role = String(get(binding, 'roleRef', 'name'));
      if (subjects.length === 0)
        return pass(`${role} is bound only to system subjects.`);
      return fail(
        `${role} is bound to ${subjects
          .map(({ subject }) => `${subject.kind} ${subject.name}`)
          .join(', ')}.`,
        subjects.map(({ index }) => fieldPath('subjects', index)),
      );
    },
  },
);

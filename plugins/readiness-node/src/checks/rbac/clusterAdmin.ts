import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { asArray, get } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { KubernetesObject } from '../../kube/types';
import { isSystemObject, rulesOf } from './rules';

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Users and groups named `system:*` and kube-system service accounts are Kubernetes' own. */
function isSystemSubject(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount')
    return subject.namespace === 'kube-system';
  return (subject.name ?? '').startsWith('system:');
}

/** cluster-admin, or a ClusterRole in the set that grants every verb on everything. */
function isClusterAdminRole(
  binding: KubernetesObject,
  context: CheckContext,
): boolean {
  if (get(binding, 'roleRef', 'kind') !== 'ClusterRole') return false;
  const name = String(get(binding, 'roleRef', 'name') ?? '');
  if (name === 'cluster-admin') return true;
  const role = context.find('ClusterRole', undefined, name);
  return (
    !!role &&
    rulesOf(role).some(
      rule =>
        asArray(rule.apiGroups).includes('*') &&
        asArray(rule.resources).includes('*') &&
        asArray(rule.verbs).includes('*'),
    )
  );
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
      const subjects = asArray<Subject>(binding.subjects)
        .map((subject, index) => ({ subject, index }))
        .filter(({ subject }) => subject && !isSystemSubject(subject));
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

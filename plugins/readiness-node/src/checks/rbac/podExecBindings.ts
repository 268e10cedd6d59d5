import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { CheckContext } from '../../engine/types';
import { get } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { KubernetesObject } from '../../kube/types';
import {
  grantsPodExec,
  isSystemObject,
  roleOf,
  rulesOf,
  userSubjects,
} from './rules';

/**
 * Kubernetes' built-in ClusterRoles that grant pods/exec and pods/attach. They are rarely among
 * the objects scanned (they come with the cluster), so a binding to them is judged by name.
 * cluster-admin is left to `rbac-cluster-admin-binding`.
 */
const BUILT_IN_EXEC_ROLES = ['admin', 'edit'];

/** Whether the role a binding refers to grants exec or attach. */
function grantsExec(binding: KubernetesObject, context: CheckContext): boolean {
  const kind = get(binding, 'roleRef', 'kind');
  const name = String(get(binding, 'roleRef', 'name') ?? '');
  if (kind === 'ClusterRole' && name === 'cluster-admin') return false;
  const role = roleOf(binding, context);
  if (role) return rulesOf(role).some(grantsPodExec);
  return kind === 'ClusterRole' && BUILT_IN_EXEC_ROLES.includes(name);
}

/**
 * Who may exec into pods, judged where the permission is handed out: each binding that gives a
 * role with pods/exec or pods/attach to users, groups or service accounts. Polaris judges these
 * bindings too (`clusterrolebindingPodExecAttach`, `rolebindingClusterRolePodExecAttach`,
 * `rolebindingRolePodExecAttach`); unlike Polaris, a binding to a role outside the scanned
 * objects is not failed unless it is a built-in exec role, since rendered manifests often bind
 * roles other charts create.
 */
export const rbacPodExecBinding = objectCheck(
  {
    id: 'rbac-pod-exec-binding',
    title: 'Bindings do not hand out pods/exec or pods/attach',
    severity: 'danger',
    category: 'rbac',
    remediation:
      'Bind a role without pods/exec and pods/attach (e.g. view instead of edit); grant exec only through a separate, short-lived binding for debugging.',
    docsUrl: docsUrl('rbac-pod-exec-binding'),
    appliesTo: ['ClusterRoleBinding', 'RoleBinding'],
  },
  {
    select: context =>
      [
        ...context.ofKind('ClusterRoleBinding', 'rbac.authorization.k8s.io'),
        ...context.ofKind('RoleBinding', 'rbac.authorization.k8s.io'),
      ].filter(binding => !isSystemObject(binding)),
    evaluate(binding, context) {
      const role = `${get(binding, 'roleRef', 'kind')} ${get(
        binding,
        'roleRef',
        'name',
      )}`;
      if (!grantsExec(binding, context))
        return pass(`${role} grants no pods/exec or pods/attach.`);
      const subjects = userSubjects(binding);
      if (subjects.length === 0)
        return pass(`${role} is bound only to system subjects.`);
      return fail(
        `${role} grants pods/exec or pods/attach to ${subjects
          .map(({ subject }) => `${subject.kind} ${subject.name}`)
          .join(', ')}.`,
        subjects.map(({ index }) => fieldPath('subjects', index)),
      );
    },
  },
);

import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { fieldPath } from '../../kube/paths';
import {
  boundSuffix,
  grantsCore,
  grantsPodExec,
  rulesOf,
  userRoles,
} from './rules';

/**
 * exec and attach give a shell in any pod the role reaches, with that pod's secrets. Danger, as
 * in Polaris (`clusterrolePodExecAttach`, `rolePodExecAttach`).
 */
export const rbacPodExec = objectCheck(
  {
    id: 'rbac-pod-exec',
    title: 'Roles do not grant pods/exec or pods/attach',
    severity: 'danger',
    category: 'rbac',
    remediation:
      'Remove pods/exec and pods/attach from the role, or keep them in a separate role bound only for debugging.',
    docsUrl: docsUrl('rbac-pod-exec'),
    appliesTo: ['Role', 'ClusterRole'],
  },
  {
    select: userRoles,
    evaluate(role, context) {
      const paths = rulesOf(role)
        .map((rule, index) => ({ rule, index }))
        .filter(({ rule }) => grantsPodExec(rule))
        .map(({ index }) => fieldPath('rules', index));
      if (paths.length === 0)
        return pass('The role grants no pods/exec or pods/attach.');
      return fail(
        `The role grants pods/exec or pods/attach${boundSuffix(
          context,
          role,
        )}.`,
        paths,
      );
    },
  },
);

/** list and watch on secrets return every secret's data, not just names. */
export const rbacSecretsList = objectCheck(
  {
    id: 'rbac-secrets-list',
    title: 'Roles do not grant list or watch on secrets',
    severity: 'warning',
    category: 'rbac',
    remediation:
      'Grant get on the specific secrets (resourceNames) instead of list or watch on all of them.',
    docsUrl: docsUrl('rbac-secrets-list'),
    appliesTo: ['Role', 'ClusterRole'],
  },
  {
    select: userRoles,
    evaluate(role, context) {
      const paths = rulesOf(role)
        .map((rule, index) => ({ rule, index }))
        .filter(({ rule }) => grantsCore(rule, ['secrets'], ['list', 'watch']))
        .map(({ index }) => fieldPath('rules', index));
      if (paths.length === 0)
        return pass('The role grants no list or watch on secrets.');
      return fail(
        `The role can list or watch secrets${boundSuffix(context, role)}.`,
        paths,
      );
    },
  },
);

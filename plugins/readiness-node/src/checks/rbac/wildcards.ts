import { docsUrl, fail, objectCheck, pass } from '../../engine/defineCheck';
import { asArray } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { boundSuffix, rulesOf, userRoles } from './rules';

/** `*` grants whatever the API server adds tomorrow, not just what exists today. */
export const rbacNoWildcards = objectCheck(
  {
    id: 'rbac-no-wildcards',
    title: 'Roles grant no wildcard verbs or resources',
    severity: 'danger',
    category: 'rbac',
    remediation: 'List the verbs and resources the role needs instead of "*".',
    docsUrl: docsUrl('rbac-no-wildcards'),
    appliesTo: ['Role', 'ClusterRole'],
  },
  {
    select: userRoles,
    evaluate(role, context) {
      const paths: string[] = [];
      rulesOf(role).forEach((rule, index) => {
        if (asArray(rule.verbs).includes('*'))
          paths.push(fieldPath('rules', index, 'verbs'));
        if (asArray(rule.resources).includes('*')) {
          paths.push(fieldPath('rules', index, 'resources'));
        }
      });
      if (paths.length === 0)
        return pass('The role lists its verbs and resources.');
      return fail(`The role grants "*"${boundSuffix(context, role)}.`, paths);
    },
  },
);

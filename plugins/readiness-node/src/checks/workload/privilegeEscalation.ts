import { containerCheck, docsUrl, fail, pass } from '../../engine/defineCheck';
import { containerContext, describe } from './securityContext';

/** allowPrivilegeEscalation must be explicitly false: it defaults to true. */
export const noPrivilegeEscalation = containerCheck(
  {
    id: 'no-privilege-escalation',
    title: 'Privilege escalation is disabled',
    severity: 'danger',
    category: 'security',
    remediation:
      'Set securityContext.allowPrivilegeEscalation: false on every container.',
    docsUrl: docsUrl('no-privilege-escalation'),
  },
  {
    includeInit: true,
    evaluate(container) {
      if (containerContext(container).allowPrivilegeEscalation === false) {
        return pass(`${describe(container)} cannot escalate privileges.`);
      }
      return fail(
        `${describe(
          container,
        )} may escalate privileges: allowPrivilegeEscalation is not false.`,
        [container.at('securityContext.allowPrivilegeEscalation')],
      );
    },
  },
);

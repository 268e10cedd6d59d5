import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { containerContext, describe } from './securityContext';

const CANNOT_ESCALATE = passes(
  (label: string) => `${label} cannot escalate privileges.`,
);

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
        return CANNOT_ESCALATE(describe(container));
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

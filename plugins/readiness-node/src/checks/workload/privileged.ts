import { containerCheck, docsUrl, fail, pass } from '../../engine/defineCheck';
import { containerContext, describe } from './securityContext';

/** Privileged containers have every capability and every host device. */
export const notPrivileged = containerCheck(
  {
    id: 'not-privileged',
    title: 'Containers are not privileged',
    severity: 'danger',
    category: 'security',
    remediation:
      'Remove securityContext.privileged: true; add only the specific capability the container needs.',
    docsUrl: docsUrl('not-privileged'),
  },
  {
    includeInit: true,
    evaluate(container) {
      if (containerContext(container).privileged === true) {
        return fail(`${describe(container)} is privileged.`, [
          container.at('securityContext.privileged'),
        ]);
      }
      return pass(`${describe(container)} is not privileged.`);
    },
  },
);

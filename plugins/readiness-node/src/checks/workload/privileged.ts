import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { containerContext, describe } from './securityContext';

const NOT_PRIVILEGED = passes((label: string) => `${label} is not privileged.`);

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
      return NOT_PRIVILEGED(describe(container));
    },
  },
);

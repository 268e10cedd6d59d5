import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { containerContext, describe } from './securityContext';

const READ_ONLY = passes(
  (label: string) => `${label} has a read-only root filesystem.`,
);

/** A read-only root filesystem stops an intruder from changing the container's binaries. */
export const readOnlyRootFilesystem = containerCheck(
  {
    id: 'read-only-root-filesystem',
    title: 'Root filesystem is read-only',
    severity: 'warning',
    category: 'security',
    remediation:
      'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes.',
    docsUrl: docsUrl('read-only-root-filesystem'),
  },
  {
    includeInit: true,
    evaluate(container) {
      if (containerContext(container).readOnlyRootFilesystem === true) {
        return READ_ONLY(describe(container));
      }
      return fail(`${describe(container)} can write to its root filesystem.`, [
        container.at('securityContext.readOnlyRootFilesystem'),
      ]);
    },
  },
);

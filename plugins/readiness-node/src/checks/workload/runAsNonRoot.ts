import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { containerContext, describe, podContext } from './securityContext';

const NON_ROOT = passes(
  (label: string) => `${label} is required to run as non-root.`,
);
const RUNS_AS = passes(
  (label: string, user: number) => `${label} runs as UID ${user}.`,
);

/**
 * Containers must not run as root: runAsNonRoot, or a non-zero runAsUser. Danger, as in Polaris
 * (`runAsRootAllowed`): root in a container is root on the node after any breakout.
 */
export const runAsNonRoot = containerCheck(
  {
    id: 'run-as-non-root',
    title: 'Containers run as a non-root user',
    severity: 'danger',
    category: 'security',
    remediation:
      'Set securityContext.runAsNonRoot: true (pod or container) and run the image as a non-zero UID (runAsUser).',
    docsUrl: docsUrl('run-as-non-root'),
  },
  {
    includeInit: true,
    evaluate(container, workload) {
      const own = containerContext(container);
      const pod = podContext(workload);
      // Container settings win over the pod's, as the kubelet applies them.
      const user = own.runAsUser ?? pod.runAsUser;
      if (user === 0) {
        const path =
          own.runAsUser !== undefined
            ? container.at('securityContext.runAsUser')
            : workload.at('securityContext.runAsUser');
        return fail(`${describe(container)} runs as UID 0 (root).`, [path]);
      }
      if ((own.runAsNonRoot ?? pod.runAsNonRoot) === true) {
        return NON_ROOT(describe(container));
      }
      if (typeof user === 'number' && user > 0) {
        return RUNS_AS(describe(container), user);
      }
      return fail(
        `${describe(container)} may run as root: runAsNonRoot is not set.`,
        [container.at('securityContext.runAsNonRoot')],
      );
    },
  },
);

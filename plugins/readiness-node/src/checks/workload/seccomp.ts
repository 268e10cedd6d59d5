import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { containerContext, describe, podContext } from './securityContext';

const CONFINED_BY = passes(
  (label: string, profile: string) =>
    `${label} runs with seccomp profile ${profile}.`,
);

const CONFINED = ['RuntimeDefault', 'Localhost'];

/** A seccomp profile (the runtime's default or a local one) must confine every container. */
export const seccompProfile = containerCheck(
  {
    id: 'seccomp-profile',
    title: 'Seccomp profile is RuntimeDefault or Localhost',
    severity: 'warning',
    category: 'security',
    remediation:
      'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile).',
    docsUrl: docsUrl('seccomp-profile'),
  },
  {
    includeInit: true,
    evaluate(container, workload) {
      const own = containerContext(container).seccompProfile?.type;
      const pod = podContext(workload).seccompProfile?.type;
      // A container's own profile replaces the pod's.
      const effective = own ?? pod;
      if (effective !== undefined && CONFINED.includes(effective)) {
        return CONFINED_BY(describe(container), effective);
      }
      const path =
        own !== undefined
          ? container.at('securityContext.seccompProfile.type')
          : workload.at('securityContext.seccompProfile.type');
      const what =
        effective === undefined
          ? 'no seccomp profile'
          : `seccomp profile ${effective}`;
      return fail(`${describe(container)} runs with ${what}.`, [path]);
    },
  },
);

import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { get } from '../../kube/objects';
import { describe } from './securityContext';

const DEFAULT_MASKS = passes(
  (label: string) => `${label} keeps the default /proc masks.`,
);

/** `procMount: Unmasked` removes the masks that hide the host's sensitive /proc entries. */
export const defaultProcMount = containerCheck(
  {
    id: 'default-proc-mount',
    title: 'Containers keep the default /proc mount',
    severity: 'warning',
    category: 'security',
    remediation:
      'Remove securityContext.procMount (or set it to Default) on every container.',
    docsUrl: docsUrl('default-proc-mount'),
  },
  {
    includeInit: true,
    evaluate(container) {
      const procMount = get(
        container.container,
        'securityContext',
        'procMount',
      );
      if (procMount === undefined || procMount === 'Default')
        return DEFAULT_MASKS(describe(container));
      return fail(
        `${describe(container)} sets procMount ${String(
          procMount,
        )}: /proc is not masked.`,
        [container.at('securityContext.procMount')],
      );
    },
  },
);

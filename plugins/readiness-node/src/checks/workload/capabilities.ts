import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { asArray } from '../../kube/objects';
import { fieldPath } from '../../kube/paths';
import { containerContext, describe } from './securityContext';

const DROPS_ALL = passes((label: string) => `${label} drops all capabilities.`);
const ADDS_NONE = passes(
  (label: string) => `${label} adds no dangerous capability.`,
);

/** `cap_net_raw` and `NET_RAW` name the same capability. */
function normalize(capability: unknown): string {
  return String(capability).toUpperCase().replace(/^CAP_/, '');
}

/** Every container drops all capabilities and adds back only what it needs. */
export const dropAllCapabilities = containerCheck(
  {
    id: 'drop-all-capabilities',
    title: 'Containers drop all capabilities',
    severity: 'warning',
    category: 'security',
    remediation:
      'Set securityContext.capabilities.drop: ["ALL"] and add back only what is needed.',
    docsUrl: docsUrl('drop-all-capabilities'),
  },
  {
    includeInit: true,
    evaluate(container) {
      const drop = asArray(containerContext(container).capabilities?.drop).map(
        normalize,
      );
      if (drop.includes('ALL')) return DROPS_ALL(describe(container));
      return fail(`${describe(container)} does not drop ALL capabilities.`, [
        container.at('securityContext.capabilities.drop'),
      ]);
    },
  },
);

/** No container adds a capability that amounts to host access. */
export const noDangerousCapabilities = containerCheck(
  {
    id: 'no-dangerous-capabilities',
    title: 'No dangerous capabilities are added',
    severity: 'danger',
    category: 'security',
    remediation:
      'Remove SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, ALL and similar entries from securityContext.capabilities.add.',
    docsUrl: docsUrl('no-dangerous-capabilities'),
  },
  {
    includeInit: true,
    evaluate(container, _workload, context) {
      // Once per evaluation, not per container.
      const dangerous = context.memo(
        'no-dangerous-capabilities:set',
        () => new Set(context.settings.dangerousCapabilities.map(normalize)),
      );
      const added = asArray(containerContext(container).capabilities?.add);
      const bad = added
        .map((capability, index) => ({ name: normalize(capability), index }))
        .filter(({ name }) => dangerous.has(name));
      if (bad.length === 0) return ADDS_NONE(describe(container));
      return fail(
        `${describe(container)} adds ${bad.map(b => b.name).join(', ')}.`,
        bad.map(b =>
          container.at(
            fieldPath('securityContext', 'capabilities', 'add', b.index),
          ),
        ),
      );
    },
  },
);

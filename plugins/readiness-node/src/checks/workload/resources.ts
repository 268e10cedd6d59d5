import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { ReadinessCheck } from '../../engine/types';
import { describe } from './securityContext';

function isSet(value: unknown): boolean {
  return (
    (typeof value === 'string' && value.trim() !== '') ||
    typeof value === 'number'
  );
}

function resourceCheck(
  kind: 'requests' | 'limits',
  resource: 'cpu' | 'memory',
): ReadinessCheck {
  const id = `${resource}-${kind}`;
  const label = `${resource === 'cpu' ? 'CPU' : 'Memory'} ${kind}`;
  const sets = passes(
    (container: string, value: unknown) =>
      `${container} sets ${resource} ${kind} (${value}).`,
  );
  const defaults = passes(
    (container: string) =>
      `${container} ${resource} request defaults to its limit.`,
  );
  return containerCheck(
    {
      id,
      title: `${label} are set`,
      severity: 'warning',
      category: 'efficiency',
      remediation: `Set resources.${kind}.${resource} on every container.`,
      docsUrl: docsUrl(id),
    },
    {
      evaluate(container) {
        const resources = container.container.resources;
        const value = resources?.[kind]?.[resource];
        // `.call`: the four checks share this function's compiled code (see engine/defineCheck.ts).
        if (isSet(value))
          return sets.call(undefined, describe(container), value);
        // The API server copies a limit into an unset request, so a limit alone is enough.
        if (kind === 'requests' && isSet(resources?.limits?.[resource])) {
          return defaults.call(undefined, describe(container));
        }
        return fail(
          `${describe(container)} has no ${resource} ${kind.replace(
            /s$/,
            '',
          )}.`,
          [container.at(`resources.${kind}.${resource}`)],
        );
      },
    },
  );
}

/** Requests let the scheduler place pods; limits stop one pod from starving its neighbours. */
export const cpuRequests = resourceCheck('requests', 'cpu');
export const cpuLimits = resourceCheck('limits', 'cpu');
export const memoryRequests = resourceCheck('requests', 'memory');
export const memoryLimits = resourceCheck('limits', 'memory');

import {
  containerCheck,
  docsUrl,
  fail,
  passes,
} from '../../engine/defineCheck';
import { ReadinessCheck } from '../../engine/types';
import { describe } from './securityContext';

function probeCheck(field: 'livenessProbe' | 'readinessProbe'): ReadinessCheck {
  const kind = field === 'livenessProbe' ? 'liveness' : 'readiness';
  const id = `${kind}-probe`;
  const why =
    kind === 'liveness'
      ? 'so the kubelet restarts it when it hangs'
      : 'so it only receives traffic when it can serve it';
  const hasProbe = passes((label: string) => `${label} has a ${kind} probe.`);
  return containerCheck(
    {
      id,
      title: `Containers have a ${kind} probe`,
      severity: 'warning',
      category: 'reliability',
      remediation: `Add a ${field} to every long-running container, ${why}.`,
      docsUrl: docsUrl(id),
    },
    {
      // Jobs and one-off pods finish by design; probing them buys nothing.
      appliesTo: workload => !workload.batch,
      evaluate(container) {
        const probe = container.container[field];
        if (probe && typeof probe === 'object') {
          // `.call`: both probe checks share this function's compiled code (see engine/defineCheck.ts).
          return hasProbe.call(undefined, describe(container));
        }
        return fail(`${describe(container)} has no ${kind} probe.`, [
          container.at(field),
        ]);
      },
    },
  );
}

export const livenessProbe = probeCheck('livenessProbe');
export const readinessProbe = probeCheck('readinessProbe');

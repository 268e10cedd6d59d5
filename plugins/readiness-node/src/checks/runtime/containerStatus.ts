import { CheckDefinition } from '@hatchway/plugin-readiness-common';
import { fail, streamingCheck, Verdict } from '../../engine/defineCheck';
import { CheckContext, ReadinessCheck } from '../../engine/types';

/** One entry of `status.containerStatuses` / `status.initContainerStatuses`. */
export interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
}

const STATUS_FIELDS = ['containerStatuses', 'initContainerStatuses'];

/**
 * A runtime check judged per container of every pod that reports container statuses, whoever
 * owns the pod: "2 pods crash-looping" is about the pods running now. `evaluate` gives field
 * paths relative to the container's status (`restartCount`); the check prefixes them with where
 * the status sits. The statuses are read where they are, once per check: nothing is kept per
 * pod between checks, at 50,000 pods that memory would cost more than reading them again.
 */
export function containerStatusCheck(
  definition: CheckDefinition,
  evaluate: (status: ContainerStatus, context: CheckContext) => Verdict,
): ReadinessCheck {
  return streamingCheck(definition, (context, emit) => {
    const pods = context.ofKind('Pod');
    // The three runtime checks share the pods' refs, by index: no lookup per pod and check.
    const refs = context.memo('pod-refs', () => pods.map(p => context.ref(p)));
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      const status = pod.status;
      // Read in place, without get(): this runs for every pod and status field of three checks.
      if (status === null || typeof status !== 'object') continue;
      for (let f = 0; f < STATUS_FIELDS.length; f++) {
        const field = STATUS_FIELDS[f];
        const statuses = (status as Record<string, unknown>)[field];
        if (!Array.isArray(statuses)) continue;
        for (let index = 0; index < statuses.length; index++) {
          const entry = statuses[index];
          if (!entry || typeof entry !== 'object') continue;
          // `.call`: one compiled loop for the three checks (see engine/defineCheck.ts).
          const verdict = evaluate.call(undefined, entry, context);
          const name = entry.name;
          if (verdict.passed && name !== undefined && name !== null) {
            emit.call(undefined, refs[i], pod, verdict, String(name));
          } else {
            const path = `status.${field}[${index}]`;
            emit.call(
              undefined,
              refs[i],
              pod,
              verdict.passed ? verdict : atPath(verdict, path),
              String(name ?? path),
            );
          }
        }
      }
    }
  });
}

/** A failure with its field paths made relative to the object. */
function atPath(verdict: Verdict, path: string): Verdict {
  return fail(
    verdict.message,
    (verdict.fieldPaths ?? []).map(p => `${path}.${p}`),
  );
}

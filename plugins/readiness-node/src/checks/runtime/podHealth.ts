import { docsUrl, fail, passes } from '../../engine/defineCheck';
import { containerStatusCheck } from './containerStatus';

// Pass verdicts by container name (and restarts): tens of thousands of statuses, few messages.
const NOT_CRASH_LOOPING = passes(
  (name: unknown) => `Container "${name}" is not crash-looping.`,
);
const PULLED = passes(
  (name: unknown) => `Container "${name}" image is pulled.`,
);
const RESTARTED = passes(
  (name: unknown, restarts: number) =>
    `Container "${name}" restarted ${restarts} times.`,
);

const IMAGE_PULL_REASONS = [
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
];

/** A crash-looping container serves nothing and restarts with ever longer back-off. */
export const podCrashLoop = containerStatusCheck(
  {
    id: 'pod-crash-loop',
    title: 'No container is crash-looping',
    severity: 'danger',
    category: 'reliability',
    remediation:
      "Read the container's previous logs (kubectl logs --previous) and fix what makes it exit.",
    docsUrl: docsUrl('pod-crash-loop'),
    appliesTo: ['Pod'],
  },
  status => {
    const waiting = status.state?.waiting;
    if (waiting?.reason !== 'CrashLoopBackOff')
      return NOT_CRASH_LOOPING(status.name);
    const last = status.lastState?.terminated;
    const exit = last
      ? ` (last exit: ${last.reason ?? 'terminated'}, code ${
          last.exitCode ?? '?'
        })`
      : '';
    return fail(
      `Container "${status.name}" is in CrashLoopBackOff after ${
        status.restartCount ?? 0
      } restarts${exit}.`,
      ['state.waiting.reason'],
    );
  },
);

/** The image cannot be pulled: a wrong name or tag, or missing registry credentials. */
export const podImagePull = containerStatusCheck(
  {
    id: 'pod-image-pull',
    title: 'Every container image can be pulled',
    severity: 'danger',
    category: 'reliability',
    remediation:
      'Check the image name and tag, and that the pod has imagePullSecrets for a private registry.',
    docsUrl: docsUrl('pod-image-pull'),
    appliesTo: ['Pod'],
  },
  status => {
    const waiting = status.state?.waiting;
    if (!IMAGE_PULL_REASONS.includes(waiting?.reason ?? '')) {
      return PULLED(status.name);
    }
    const detail = waiting?.message ? `: ${waiting.message}` : '';
    return fail(
      `Container "${status.name}" is in ${waiting?.reason}${detail}.`,
      ['state.waiting.reason'],
    );
  },
);

/** Repeated restarts mean the container keeps failing, even when it is up right now. */
export const podRestarts = containerStatusCheck(
  {
    id: 'pod-restarts',
    title: 'Containers do not restart repeatedly',
    severity: 'warning',
    category: 'reliability',
    remediation:
      'Find why the container exits (OOMKilled: raise the memory limit; failed liveness probe: fix the probe or the app).',
    docsUrl: docsUrl('pod-restarts'),
    appliesTo: ['Pod'],
  },
  (status, context) => {
    const restarts = Number(status.restartCount ?? 0);
    const threshold = context.settings.restartThreshold;
    if (restarts <= threshold) return RESTARTED(status.name, restarts);
    const last = status.lastState?.terminated?.reason;
    return fail(
      `Container "${
        status.name
      }" restarted ${restarts} times (more than ${threshold})${
        last ? `; last exit: ${last}` : ''
      }.`,
      ['restartCount'],
    );
  },
);

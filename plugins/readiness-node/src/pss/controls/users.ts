import { containersPhrase } from '../format';
import { inUserNamespace, isSet } from '../podView';
import { ControlCheck, PodSecurityControl } from '../types';

// From v1.35 pods in a user namespace (hostUsers: false) may run as (namespaced) root.
const unlessUserNamespace =
  (check: ControlCheck): ControlCheck =>
  pod =>
    inUserNamespace(pod) ? undefined : check(pod);

const runAsNonRoot1_0: ControlCheck = pod => {
  const setters: string[] = [];
  const podValue = pod.securityContext?.runAsNonRoot;
  const podNonRoot = podValue === true;
  if (isSet(podValue) && !podNonRoot) setters.push('pod');
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const { name, securityContext } of pod.containers) {
    const value = securityContext?.runAsNonRoot;
    if (isSet(value)) {
      if (value !== true) explicitlyBad.push(name);
    } else if (!podNonRoot) implicitlyBad.push(name);
  }
  if (explicitlyBad.length) setters.push(containersPhrase(explicitlyBad));
  if (setters.length)
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(
        ' and ',
      )} must not set securityContext.runAsNonRoot=false`,
    };
  if (implicitlyBad.length)
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(
        implicitlyBad,
      )} must set securityContext.runAsNonRoot=true`,
    };
  return undefined;
};

/** Restricted: runAsNonRoot true on the pod or on every container. */
export const runAsNonRoot: PodSecurityControl = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Running as Non-root',
  checkId: 'pss-run-as-non-root',
  remediation:
    'Set securityContext.runAsNonRoot: true on the pod (or on every container) and never false.',
  revisions: [
    { since: 0, check: runAsNonRoot1_0 },
    { since: 35, check: unlessUserNamespace(runAsNonRoot1_0) },
  ],
};

const runAsUser1_23: ControlCheck = pod => {
  const setters: string[] = [];
  if (pod.securityContext?.runAsUser === 0) setters.push('pod');
  const bad = pod.containers
    .filter(c => c.securityContext?.runAsUser === 0)
    .map(c => c.name);
  if (bad.length) setters.push(containersPhrase(bad));
  return setters.length
    ? {
        reason: 'runAsUser=0',
        detail: `${setters.join(' and ')} must not set runAsUser=0`,
      }
    : undefined;
};

/** Restricted from v1.23: no runAsUser 0, on the pod or any container. */
export const runAsUser: PodSecurityControl = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Running as Non-root user',
  checkId: 'pss-run-as-user',
  remediation:
    'Remove runAsUser: 0; run as a non-zero UID (set runAsUser to e.g. 1000, or build the image with a non-root USER).',
  revisions: [
    { since: 23, check: runAsUser1_23 },
    { since: 35, check: unlessUserNamespace(runAsUser1_23) },
  ],
};

import { asArray, asRecord } from '../../kube/objects';
import { containersPhrase, joinQuote, sortedSet } from '../format';
import { isWindows, str } from '../podView';
import { ControlCheck, PodSecurityControl } from '../types';

/** Baseline: no privileged containers. */
export const privileged: PodSecurityControl = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged Containers',
  checkId: 'pss-privileged',
  remediation:
    'Remove securityContext.privileged: true; grant only the capabilities the container needs.',
  revisions: [
    {
      since: 0,
      check(pod) {
        const bad = pod.containers
          .filter(c => c.securityContext?.privileged === true)
          .map(c => c.name);
        return bad.length
          ? {
              reason: 'privileged',
              detail: `${containersPhrase(
                bad,
              )} must not set securityContext.privileged=true`,
            }
          : undefined;
      },
    },
  ],
};

// The capabilities container runtimes grant by default; adding any other is forbidden.
const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilities = (sc: Record<string, unknown> | undefined) =>
  asRecord(sc?.capabilities);

/** Baseline: capabilities.add holds nothing beyond the runtime's default set. */
export const capabilitiesBaseline: PodSecurityControl = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Capabilities',
  checkId: 'pss-capabilities-baseline',
  remediation:
    'Add no capabilities beyond the default set (e.g. not NET_RAW, SYS_ADMIN or NET_ADMIN).',
  revisions: [
    {
      since: 0,
      check(pod) {
        // Made at the first offender: almost every pod passes, and this runs for every workload.
        let bad: string[] | undefined;
        let added: Set<string> | undefined;
        const containers = pod.containers;
        for (let i = 0; i < containers.length; i++) {
          const { name, securityContext } = containers[i];
          const add = asArray<unknown>(capabilities(securityContext)?.add);
          if (!add.some(c => !DEFAULT_CAPABILITIES.has(str(c)))) continue;
          (bad ??= []).push(name);
          for (const c of add.map(str))
            if (!DEFAULT_CAPABILITIES.has(c)) (added ??= new Set()).add(c);
        }
        return bad && added
          ? {
              reason: 'non-default capabilities',
              detail: `${containersPhrase(bad)} must not include ${joinQuote(
                sortedSet(added),
              )} in securityContext.capabilities.add`,
            }
          : undefined;
      },
    },
  ],
};

const capabilitiesRestricted1_22: ControlCheck = pod => {
  // Made at the first offender: a hardened pod allocates nothing here.
  let missingDropAll: string[] | undefined;
  let addingForbidden: string[] | undefined;
  let forbidden: Set<string> | undefined;
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) {
    const { name, securityContext } = containers[i];
    const caps = capabilities(securityContext);
    if (!caps) {
      (missingDropAll ??= []).push(name);
      continue;
    }
    if (!asArray<unknown>(caps.drop).some(c => str(c) === 'ALL'))
      (missingDropAll ??= []).push(name);
    const add = asArray<unknown>(caps.add);
    if (!add.some(c => str(c) !== 'NET_BIND_SERVICE')) continue;
    (addingForbidden ??= []).push(name);
    for (const c of add.map(str))
      if (c !== 'NET_BIND_SERVICE') (forbidden ??= new Set()).add(c);
  }
  if (!missingDropAll && !addingForbidden) return undefined;
  const details: string[] = [];
  if (missingDropAll)
    details.push(
      `${containersPhrase(
        missingDropAll,
      )} must set securityContext.capabilities.drop=["ALL"]`,
    );
  if (addingForbidden && forbidden)
    details.push(
      `${containersPhrase(addingForbidden)} must not include ${joinQuote(
        sortedSet(forbidden),
      )} in securityContext.capabilities.add`,
    );
  return details.length
    ? { reason: 'unrestricted capabilities', detail: details.join('; ') }
    : undefined;
};

/** Restricted from v1.22: drop ALL, add at most NET_BIND_SERVICE. */
export const capabilitiesRestricted: PodSecurityControl = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Capabilities',
  checkId: 'pss-capabilities-restricted',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container; add back only NET_BIND_SERVICE.',
  revisions: [
    {
      since: 22,
      check: capabilitiesRestricted1_22,
      overrides: ['capabilities_baseline'],
    },
    {
      since: 25,
      check: pod =>
        isWindows(pod) ? undefined : capabilitiesRestricted1_22(pod),
      overrides: ['capabilities_baseline'],
    },
  ],
};

const allowPrivilegeEscalation1_8: ControlCheck = pod => {
  const bad = pod.containers
    .filter(c => c.securityContext?.allowPrivilegeEscalation !== false)
    .map(c => c.name);
  return bad.length
    ? {
        reason: 'allowPrivilegeEscalation != false',
        detail: `${containersPhrase(
          bad,
        )} must set securityContext.allowPrivilegeEscalation=false`,
      }
    : undefined;
};

/** Restricted from v1.8: allowPrivilegeEscalation must be false. */
export const allowPrivilegeEscalation: PodSecurityControl = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege Escalation',
  checkId: 'pss-allow-privilege-escalation',
  remediation:
    'Set securityContext.allowPrivilegeEscalation: false on every container, init and ephemeral containers included.',
  revisions: [
    { since: 8, check: allowPrivilegeEscalation1_8 },
    {
      since: 25,
      check: pod =>
        isWindows(pod) ? undefined : allowPrivilegeEscalation1_8(pod),
    },
  ],
};

const hostProcess = (sc: Record<string, unknown> | undefined) =>
  asRecord(sc?.windowsOptions)?.hostProcess === true;

/** Baseline: no Windows HostProcess containers. */
export const windowsHostProcess: PodSecurityControl = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'HostProcess',
  checkId: 'pss-windows-host-process',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess: true from the pod and its containers.',
  revisions: [
    {
      since: 0,
      check(pod) {
        const setters: string[] = [];
        if (hostProcess(pod.securityContext)) setters.push('pod');
        const bad = pod.containers
          .filter(c => hostProcess(c.securityContext))
          .map(c => c.name);
        if (bad.length) setters.push(containersPhrase(bad));
        return setters.length
          ? {
              reason: 'hostProcess',
              detail: `${setters.join(
                ' and ',
              )} must not set securityContext.windowsOptions.hostProcess=true`,
            }
          : undefined;
      },
    },
  ],
};

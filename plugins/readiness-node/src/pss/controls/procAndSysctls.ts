import { asArray, asRecord } from '../../kube/objects';
import { containersPhrase, joinQuote, sortedSet } from '../format';
import { inUserNamespace, isSet, str } from '../podView';
import { ControlCheck, PodSecurityControl } from '../types';

const procMount1_0: ControlCheck = pod => {
  // Made at the first offender: almost every pod passes, and this runs for every workload.
  let bad: string[] | undefined;
  let types: Set<string> | undefined;
  const containers = pod.containers;
  for (let i = 0; i < containers.length; i++) {
    const { name, securityContext } = containers[i];
    const value = securityContext?.procMount;
    if (!isSet(value) || str(value) === 'Default') continue;
    (bad ??= []).push(name);
    (types ??= new Set()).add(str(value));
  }
  return bad && types
    ? {
        reason: 'procMount',
        detail: `${containersPhrase(
          bad,
        )} must not set securityContext.procMount to ${joinQuote(
          sortedSet(types),
        )}`,
      }
    : undefined;
};

const PROC_MOUNT_REMEDIATION =
  'Remove securityContext.procMount, or set it to Default, so /proc keeps its masked paths.';

/** Baseline: /proc stays masked; from v1.35 pods in a user namespace may unmask it. */
export const procMount: PodSecurityControl = {
  id: 'procMount',
  level: 'baseline',
  title: '/proc Mount Type',
  checkId: 'pss-proc-mount',
  remediation: PROC_MOUNT_REMEDIATION,
  revisions: [
    { since: 0, check: procMount1_0 },
    {
      since: 35,
      check: pod => (inUserNamespace(pod) ? undefined : procMount1_0(pod)),
    },
  ],
};

/** Restricted from v1.35: /proc stays masked even in a user namespace. */
export const procMountRestricted: PodSecurityControl = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: '/proc Mount Type',
  checkId: 'pss-proc-mount-restricted',
  remediation: PROC_MOUNT_REMEDIATION,
  revisions: [{ since: 35, check: procMount1_0, overrides: ['procMount'] }],
};

// The sysctls upstream considers namespaced and isolated, by the version that first allows them.
const SAFE_SYSCTLS: Array<[number, string[]]> = [
  [
    0,
    [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [
    29,
    [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  ],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function sysctlsCheck(since: number): ControlCheck {
  const safe = new Set(
    SAFE_SYSCTLS.filter(([v]) => v <= since).flatMap(([, names]) => names),
  );
  return pod => {
    const forbidden = asArray<unknown>(pod.securityContext?.sysctls)
      .map(s => str(asRecord(s)?.name))
      .filter(name => !safe.has(name));
    return forbidden.length
      ? { reason: 'forbidden sysctls', detail: forbidden.join(', ') }
      : undefined;
  };
}

/** Baseline: only the safe, namespaced sysctls (a list that grows with the version). */
export const sysctls: PodSecurityControl = {
  id: 'sysctls',
  level: 'baseline',
  title: 'Sysctls',
  checkId: 'pss-sysctls',
  remediation:
    'Set only safe sysctls in securityContext.sysctls (e.g. net.ipv4.ip_local_port_range); set node-level ones on the node.',
  revisions: SAFE_SYSCTLS.map(([since]) => ({
    since,
    check: sysctlsCheck(since),
  })),
};

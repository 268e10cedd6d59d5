import { asRecord } from '../../kube/objects';
import {
  compareGo,
  containersPhrase,
  goQuote,
  joinQuote,
  pluralize,
  sortedSet,
} from '../format';
import { isSet, isWindows, str } from '../podView';
import { ControlCheck, PodSecurityControl, PodView } from '../types';

const APPARMOR_ANNOTATION_PREFIX =
  'container.apparmor.security.beta.kubernetes.io/';

const allowedAppArmorAnnotation = (value: string) =>
  value === '' || value === 'runtime/default' || value.startsWith('localhost/');

const CONFINING_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** The profile type a securityContext sets for `field`, or undefined when it sets none. */
function profileType(
  sc: Record<string, unknown> | undefined,
  field: 'appArmorProfile' | 'seccompProfile',
): string | undefined {
  const profile = sc?.[field];
  return isSet(profile) ? str(asRecord(profile)?.type) : undefined;
}

/**
 * Who sets a profile type outside the allowed ones: `pod`, `containers "a", "b"`; plus the
 * bad types, and the containers that set none (for controls that require one).
 */
function badProfileSetters(
  pod: PodView,
  field: 'appArmorProfile' | 'seccompProfile',
) {
  const setters: string[] = [];
  const values = new Set<string>();
  const podType = profileType(pod.securityContext, field);
  if (podType !== undefined && !CONFINING_TYPES.has(podType)) {
    setters.push('pod');
    values.add(podType);
  }
  const badContainers: string[] = [];
  const unsetContainers: string[] = [];
  for (const { name, securityContext } of pod.containers) {
    const type = profileType(securityContext, field);
    if (type === undefined) unsetContainers.push(name);
    else if (!CONFINING_TYPES.has(type)) {
      badContainers.push(name);
      values.add(type);
    }
  }
  if (badContainers.length) setters.push(containersPhrase(badContainers));
  const podConfined = podType !== undefined && CONFINING_TYPES.has(podType);
  return { setters, values, unset: podConfined ? [] : unsetContainers };
}

/** Baseline: AppArmor may not be disabled or overridden beyond runtime/default and localhost. */
export const appArmorProfile: PodSecurityControl = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor',
  checkId: 'pss-apparmor-profile',
  remediation:
    'Use appArmorProfile.type RuntimeDefault or Localhost (annotations: runtime/default or localhost/<profile>), never Unconfined.',
  revisions: [
    {
      since: 0,
      check(pod) {
        const { setters, values } = badProfileSetters(pod, 'appArmorProfile');
        const annotations = Object.entries(pod.annotations)
          .filter(
            ([key, value]) =>
              key.startsWith(APPARMOR_ANNOTATION_PREFIX) &&
              !allowedAppArmorAnnotation(str(value)),
          )
          .map(([key, value]) => `${key}=${goQuote(str(value))}`)
          .sort(compareGo);
        const listed = sortedSet(values).concat(annotations);
        if (annotations.length)
          setters.push(
            pluralize('annotation', 'annotations', annotations.length),
          );
        if (!setters.length) return undefined;
        return {
          reason: pluralize(
            'forbidden AppArmor profile',
            'forbidden AppArmor profiles',
            listed.length,
          ),
          detail: `${setters.join(
            ' and ',
          )} must not set AppArmor profile type to ${joinQuote(listed)}`,
        };
      },
    },
  ],
};

const SELINUX_TYPES_1_0 = [
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
];
const SELINUX_TYPES_1_31 = [...SELINUX_TYPES_1_0, 'container_engine_t'];

function seLinuxCheck(allowedTypes: readonly string[]): ControlCheck {
  return pod => {
    const badTypes = new Set<string>();
    let setUser = false;
    let setRole = false;
    const valid = (sc: Record<string, unknown> | undefined) => {
      if (!isSet(sc?.seLinuxOptions)) return true;
      const options = asRecord(sc!.seLinuxOptions) ?? {};
      let ok = true;
      const type = str(options.type);
      if (!allowedTypes.includes(type)) {
        ok = false;
        badTypes.add(type);
      }
      if (str(options.user) !== '') {
        ok = false;
        setUser = true;
      }
      if (str(options.role) !== '') {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const setters: string[] = [];
    if (!valid(pod.securityContext)) setters.push('pod');
    const bad = pod.containers
      .filter(c => !valid(c.securityContext))
      .map(c => c.name);
    if (bad.length) setters.push(containersPhrase(bad));
    if (!setters.length) return undefined;
    const data: string[] = [];
    if (badTypes.size)
      data.push(
        `${pluralize('type', 'types', badTypes.size)} ${joinQuote(
          sortedSet(badTypes),
        )}`,
      );
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(
        ' and ',
      )} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
    };
  };
}

/** Baseline: SELinux type limited to container types; user and role unset. */
export const seLinuxOptions: PodSecurityControl = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux',
  checkId: 'pss-selinux-options',
  remediation:
    'Leave seLinuxOptions.user and role unset and type empty or a container type (container_t, container_init_t, container_kvm_t, container_engine_t).',
  revisions: [
    { since: 0, check: seLinuxCheck(SELINUX_TYPES_1_0) },
    { since: 31, check: seLinuxCheck(SELINUX_TYPES_1_31) },
  ],
};

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX =
  'container.seccomp.security.alpha.kubernetes.io/';

const allowedSeccompAnnotation = (value: string) =>
  value === 'runtime/default' ||
  value === 'docker/default' ||
  value.startsWith('localhost/');

// Before v1.19 seccomp was configured by alpha annotations only.
const seccompBaseline1_0: ControlCheck = pod => {
  const forbidden = new Set<string>();
  const judge = (key: string) => {
    if (!Object.prototype.hasOwnProperty.call(pod.annotations, key)) return;
    const value = str(pod.annotations[key]);
    if (!allowedSeccompAnnotation(value))
      forbidden.add(`${key}=${goQuote(value)}`);
  };
  judge(SECCOMP_POD_ANNOTATION);
  pod.containers.forEach(c => judge(SECCOMP_CONTAINER_PREFIX + c.name));
  if (!forbidden.size) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize(
      'annotation',
      'annotations',
      forbidden.size,
    )} ${sortedSet(forbidden).join(', ')}`,
  };
};

const badSeccompTypes = (setters: string[], values: Set<string>) => ({
  reason: 'seccompProfile',
  detail: `${setters.join(
    ' and ',
  )} must not set securityContext.seccompProfile.type to ${joinQuote(
    sortedSet(values),
  )}`,
});

/** Baseline: seccomp, where set, is RuntimeDefault or Localhost (never Unconfined). */
export const seccompProfileBaseline: PodSecurityControl = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp',
  checkId: 'pss-seccomp-baseline',
  remediation:
    'Do not set seccompProfile.type Unconfined; use RuntimeDefault or Localhost, or leave it unset.',
  revisions: [
    { since: 0, check: seccompBaseline1_0 },
    {
      since: 19,
      check(pod) {
        const { setters, values } = badProfileSetters(pod, 'seccompProfile');
        return setters.length ? badSeccompTypes(setters, values) : undefined;
      },
    },
  ],
};

const seccompRestricted1_19: ControlCheck = pod => {
  const { setters, values, unset } = badProfileSetters(pod, 'seccompProfile');
  if (setters.length) return badSeccompTypes(setters, values);
  if (!unset.length) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(
      unset,
    )} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  };
};

/** Restricted from v1.19: every container confined by RuntimeDefault or Localhost seccomp. */
export const seccompProfileRestricted: PodSecurityControl = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp',
  checkId: 'pss-seccomp-restricted',
  remediation:
    'Set securityContext.seccompProfile.type: RuntimeDefault (or Localhost) on the pod, or on every container.',
  revisions: [
    {
      since: 19,
      check: seccompRestricted1_19,
      overrides: ['seccompProfile_baseline'],
    },
    {
      since: 25,
      check: pod => (isWindows(pod) ? undefined : seccompRestricted1_19(pod)),
      overrides: ['seccompProfile_baseline'],
    },
  ],
};

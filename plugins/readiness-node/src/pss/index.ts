export { evaluatePodSecurity, highestAdmissibleLevel } from './evaluate';
export {
  POD_SECURITY_CONTROLS,
  RESTRICTED_POD_SECURITY_CHECK_IDS,
} from './controls';
export { podSecurityChecks } from './checks';
export { podTemplateOf } from './podTemplate';
export {
  isPodSecurityLevel,
  podSecurityMinor,
  POD_SECURITY_LEVELS,
  POD_SECURITY_NEWEST_MINOR,
  POD_SECURITY_VERSIONS,
} from './version';
export type {
  PodLike,
  PodSecurityControl,
  PodSecurityLevel,
  PodSecurityResult,
  PodSecurityVersion,
  PodSecurityViolation,
} from './types';

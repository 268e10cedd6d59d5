import { PodSecurityControl } from '../types';
import {
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
} from './host';
import {
  allowPrivilegeEscalation,
  capabilitiesBaseline,
  capabilitiesRestricted,
  privileged,
  windowsHostProcess,
} from './privilege';
import { procMount, procMountRestricted, sysctls } from './procAndSysctls';
import {
  appArmorProfile,
  seccompProfileBaseline,
  seccompProfileRestricted,
  seLinuxOptions,
} from './profiles';
import { runAsNonRoot, runAsUser } from './users';
import { restrictedVolumes } from './volumes';

/**
 * Every control of the Pod Security Standards, baseline then restricted, as the admission
 * library registers them.
 * @public
 */
export const POD_SECURITY_CONTROLS: readonly PodSecurityControl[] = [
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];

/**
 * Ids of the readiness checks of restricted-level controls, which the production profile
 * raises to danger.
 * @public
 */
export const RESTRICTED_POD_SECURITY_CHECK_IDS: readonly string[] =
  POD_SECURITY_CONTROLS.filter(c => c.level === 'restricted').map(
    c => c.checkId,
  );

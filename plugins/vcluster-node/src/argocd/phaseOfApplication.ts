import type { KubeConfig } from '@kubernetes/client-node';
import {
  phaseOfControlPlane,
  readControlPlane,
} from '../observe/observeControlPlane';
import type { ObservedPhase, VClusterRef } from '../provisioner/types';
import type { ArgoCdApplication } from './ArgoCdApplication';

/** Conditions after which Argo CD will not sync until someone fixes the Application. */
const BROKEN_CONDITIONS = new Set(['InvalidSpecError', 'SyncError']);

/**
 * The phase of a vCluster Argo CD installs, from the Application's sync and health status and the
 * control plane on the host: Ready needs both Argo CD's `Healthy` and a ready control plane with
 * its kubeconfig Secret; Sleeping is read from the StatefulSet (Argo CD ignores replicas);
 * `Degraded` or a broken Application is Failed, with the most specific reason found.
 */
export async function phaseOfApplication(
  application: ArgoCdApplication,
  ref: VClusterRef,
  kubeConfig: KubeConfig,
): Promise<ObservedPhase> {
  if (application.metadata?.deletionTimestamp) {
    return { phase: 'Provisioning', message: 'Argo CD is deleting it' };
  }
  const status = application.status ?? {};
  const sync = status.sync?.status ?? 'Unknown';
  const health = status.health?.status ?? 'Unknown';
  const broken = status.conditions?.find(c =>
    BROKEN_CONDITIONS.has(c.type ?? ''),
  );
  if (broken) {
    return {
      phase: 'Failed',
      reason: `${broken.type}: ${broken.message ?? ''}`.trim(),
    };
  }
  const sts = await readControlPlane(ref, kubeConfig);
  const controlPlane = sts && (await phaseOfControlPlane(sts, kubeConfig));
  if (controlPlane?.phase === 'Sleeping' || controlPlane?.phase === 'Failed') {
    return controlPlane;
  }
  if (health === 'Degraded') {
    const detail = status.health?.message ? `: ${status.health.message}` : '';
    return { phase: 'Failed', reason: `Argo CD reports Degraded${detail}` };
  }
  if (health === 'Healthy' && controlPlane?.phase === 'Ready') {
    return { phase: 'Ready' };
  }
  const waitingFor =
    controlPlane?.phase === 'Provisioning' && controlPlane.message
      ? `; ${controlPlane.message}`
      : '';
  return {
    phase: 'Provisioning',
    message: `Argo CD: sync ${sync}, health ${health}${waitingFor}`,
  };
}

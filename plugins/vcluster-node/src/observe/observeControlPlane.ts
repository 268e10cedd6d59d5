import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { isPaused } from '../kube/pauseAnnotations';
import { unlessNotFound } from '../kube/requests';
import {
  ObservedPhase,
  vclusterNamespace,
  VClusterRef,
} from '../provisioner/types';
import { controlPlaneFailure } from './controlPlaneFailure';

/** The kubeconfig Secret the syncer writes once the control plane serves. */
export const kubeconfigSecretName = (name: string) => `vc-${name}`;

/**
 * The phase of a control plane StatefulSet that exists: Sleeping when paused at 0 replicas, Ready
 * when a replica is ready and the kubeconfig Secret is written, Failed when a pod is stuck or the
 * quota refuses it, else Provisioning with what it waits for.
 */
export async function phaseOfControlPlane(
  sts: V1StatefulSet,
  kubeConfig: KubeConfig,
): Promise<ObservedPhase> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const name = sts.metadata!.name!;
  const namespace = sts.metadata!.namespace!;
  if (isPaused(sts) && sts.spec?.replicas === 0) return { phase: 'Sleeping' };
  if ((sts.status?.readyReplicas ?? 0) >= 1) {
    const secret = await unlessNotFound(
      core.readNamespacedSecret({
        name: kubeconfigSecretName(name),
        namespace,
      }),
    );
    if (secret) return { phase: 'Ready' };
    return {
      phase: 'Provisioning',
      message: `waiting for Secret ${kubeconfigSecretName(name)}`,
    };
  }
  const failure = await controlPlaneFailure(core, namespace, name);
  if (failure) return { phase: 'Failed', reason: failure };
  // The pod turning ready updates the StatefulSet's status: a watch event, no polling needed.
  return {
    phase: 'Provisioning',
    message: 'waiting for the control plane pod',
    watched: true,
  };
}

/** Reads the control plane StatefulSet of a vCluster; undefined when it (or its namespace) is gone. */
export function readControlPlane(
  ref: VClusterRef,
  kubeConfig: KubeConfig,
): Promise<V1StatefulSet | undefined> {
  return unlessNotFound(
    kubeConfig.makeApiClient(AppsV1Api).readNamespacedStatefulSet({
      name: ref.name,
      namespace: vclusterNamespace(ref.name),
    }),
  );
}

/**
 * Where a directly applied vCluster is: Absent without its namespace or StatefulSet (never
 * applied, deleted, or an apply that failed and was rolled back), else the control plane's phase.
 */
export async function observeControlPlane(
  ref: VClusterRef,
  kubeConfig: KubeConfig,
): Promise<ObservedPhase> {
  const sts = await readControlPlane(ref, kubeConfig);
  if (!sts) return { phase: 'Absent' };
  return phaseOfControlPlane(sts, kubeConfig);
}

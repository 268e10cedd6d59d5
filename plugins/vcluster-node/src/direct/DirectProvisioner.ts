import {
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { ControlPlaneScaler } from '../kube/controlPlaneScaler';
import { deleteNamespace, rollBackNamespace } from '../kube/deleteNamespace';
import { isPaused } from '../kube/pauseAnnotations';
import { readKubeconfigSecret } from '../kube/readKubeconfigSecret';
import { unlessNotFound } from '../kube/requests';
import {
  observeControlPlane,
  readControlPlane,
} from '../observe/observeControlPlane';
import {
  ObservedPhase,
  vclusterNamespace,
  VClusterProvisioner,
  VClusterRef,
  VClusterSpec,
} from '../provisioner/types';
import type { VClusterRenderOptions } from '../render/options';
import { renderVClusterObjects } from '../render/renderVClusterObjects';
import { applyObjects } from './applyObjects';

/**
 * The `direct` provisioner: renders what the pinned vcluster chart would create and server-side
 * applies it to the host cluster, Namespace first.
 *
 * Failure contract of {@link DirectProvisioner.apply}: when the call created the namespace and then
 * fails part-way, it deletes the namespace again before rethrowing, so a failed create leaves
 * nothing behind. When the namespace was already there (a re-apply of an existing vCluster) it is
 * left alone — deleting it would destroy a running vCluster's data — and apply is idempotent, so
 * the caller retries. A caller that gives up on a vCluster calls `delete`, which is idempotent.
 * @public
 */
export class DirectProvisioner implements VClusterProvisioner {
  readonly type = 'direct';

  private constructor(private readonly renderOptions: VClusterRenderOptions) {}

  /** @param options - the host cluster's platform choices (network, digests, storage). */
  static create(options: { render?: VClusterRenderOptions } = {}) {
    return new DirectProvisioner(options.render ?? {});
  }

  async apply(spec: VClusterSpec, kubeConfig: KubeConfig): Promise<void> {
    const namespace = vclusterNamespace(spec.name);
    const existed = await unlessNotFound(
      kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: namespace }),
    );
    const current = existed && (await readControlPlane(spec, kubeConfig));
    const objects = renderVClusterObjects(spec, this.renderOptions).map(
      object => keepSleeping(object, current),
    );
    try {
      await applyObjects(
        KubernetesObjectApi.makeApiClient(kubeConfig),
        objects,
      );
    } catch (error) {
      if (!existed) await rollBackNamespace(namespace, kubeConfig, error);
      throw error;
    }
  }

  observe(ref: VClusterRef, kubeConfig: KubeConfig): Promise<ObservedPhase> {
    return observeControlPlane(ref, kubeConfig);
  }

  sleep(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    return ControlPlaneScaler.sleep(ref, kubeConfig);
  }

  wake(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    return ControlPlaneScaler.wake(ref, kubeConfig);
  }

  delete(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    return deleteNamespace(vclusterNamespace(ref.name), kubeConfig);
  }

  readKubeconfig(
    ref: VClusterRef,
    kubeConfig: KubeConfig,
  ): Promise<string | undefined> {
    return readKubeconfigSecret(ref, kubeConfig);
  }
}

/**
 * A re-apply must not wake a sleeping vCluster: while paused, the StatefulSet is applied without
 * `spec.replicas`, which the sleep patch owns.
 */
function keepSleeping(
  object: KubernetesObject,
  current: V1StatefulSet | undefined,
): KubernetesObject {
  if (object.kind !== 'StatefulSet' || !isPaused(current)) return object;
  const { replicas: _dropped, ...spec } = (object as V1StatefulSet).spec!;
  return { ...object, spec } as V1StatefulSet;
}

import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { applyObjects } from '../direct/applyObjects';
import { ControlPlaneScaler } from '../kube/controlPlaneScaler';
import { deleteNamespace } from '../kube/deleteNamespace';
import { readKubeconfigSecret } from '../kube/readKubeconfigSecret';
import { unlessNotFound } from '../kube/requests';
import {
  ObservedPhase,
  vclusterNamespace,
  VClusterProvisioner,
  VClusterRef,
  VClusterSpec,
} from '../provisioner/types';
import type { VClusterRenderOptions } from '../render/options';
import {
  applicationName,
  ArgoCdApplication,
  ArgoCdOptions,
  renderArgoCdApplication,
} from './ArgoCdApplication';
import { phaseOfApplication } from './phaseOfApplication';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';
const PLURAL = 'applications';

/**
 * The `argocd` provisioner: writes an Argo CD Application for the pinned upstream chart and lets
 * Argo CD create the objects. One object is written, so a failed apply leaves nothing half-made;
 * apply is idempotent (server-side apply), and the caller retries or calls `delete`.
 * Sleep and wake patch the StatefulSet like the direct provisioner; the Application ignores
 * replica differences so Argo CD does not undo them.
 * @public
 */
export class ArgoCdProvisioner implements VClusterProvisioner {
  readonly type = 'argocd';

  private constructor(
    private readonly argo: Required<Pick<ArgoCdOptions, 'namespace'>> &
      ArgoCdOptions,
    private readonly renderOptions: VClusterRenderOptions,
  ) {}

  static create(
    options: { argoCd?: ArgoCdOptions; render?: VClusterRenderOptions } = {},
  ) {
    return new ArgoCdProvisioner(
      { ...options.argoCd, namespace: options.argoCd?.namespace ?? 'argocd' },
      options.render ?? {},
    );
  }

  async apply(spec: VClusterSpec, kubeConfig: KubeConfig): Promise<void> {
    const application = renderArgoCdApplication(
      spec,
      this.argo,
      this.renderOptions,
    );
    await applyObjects(KubernetesObjectApi.makeApiClient(kubeConfig), [
      application,
    ]);
  }

  async observe(
    ref: VClusterRef,
    kubeConfig: KubeConfig,
  ): Promise<ObservedPhase> {
    const application = await this.readApplication(ref, kubeConfig);
    if (!application) return { phase: 'Absent' };
    return phaseOfApplication(application, ref, kubeConfig);
  }

  sleep(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    return ControlPlaneScaler.sleep(ref, kubeConfig);
  }

  wake(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    return ControlPlaneScaler.wake(ref, kubeConfig);
  }

  /**
   * Deletes the Application (its resources finalizer has Argo CD delete the chart's objects) and
   * the namespace, which Argo CD created but never deletes. Both may already be gone.
   */
  async delete(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    await unlessNotFound(
      kubeConfig.makeApiClient(CustomObjectsApi).deleteNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: PLURAL,
        namespace: this.argo.namespace,
        name: applicationName(ref.name),
      }),
    );
    await deleteNamespace(vclusterNamespace(ref.name), kubeConfig);
  }

  readKubeconfig(
    ref: VClusterRef,
    kubeConfig: KubeConfig,
  ): Promise<string | undefined> {
    return readKubeconfigSecret(ref, kubeConfig);
  }

  private async readApplication(
    ref: VClusterRef,
    kubeConfig: KubeConfig,
  ): Promise<ArgoCdApplication | undefined> {
    return unlessNotFound(
      kubeConfig.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: PLURAL,
        namespace: this.argo.namespace,
        name: applicationName(ref.name),
      }),
    );
  }
}

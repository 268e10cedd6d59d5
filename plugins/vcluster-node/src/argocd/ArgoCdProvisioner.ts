import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { applyObjects } from '../direct/applyObjects';
import { ControlPlaneScaler } from '../kube/controlPlaneScaler';
import { deleteNamespace, rollBackNamespace } from '../kube/deleteNamespace';
import { readKubeconfigSecret } from '../kube/readKubeconfigSecret';
import { unlessNotFound } from '../kube/requests';
import {
  ObservedPhase,
  vclusterNamespace,
  VClusterProvisioner,
  VClusterRef,
  VClusterSpec,
} from '../provisioner/types';
import { renderManagerRoleBinding } from '../render/managerRoleBinding';
import { renderNamespace } from '../render/namespace';
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
 * Argo CD create the objects. Sleep and wake patch the StatefulSet like the direct provisioner;
 * the Application ignores replica differences so Argo CD does not undo them.
 *
 * With `managerRoleBinding` (a portal whose chart grants it no cluster-wide write on namespaced
 * kinds), Argo CD still deploys with its own rights, but the portal reads the kubeconfig Secret,
 * observes and scales the control plane inside the namespace: apply first applies the Namespace
 * (labelled as the direct provisioner labels it) and RoleBinding `hatchway-manager`, then the
 * Application, which then leaves the namespace to Hatchway.
 *
 * Failure contract of {@link ArgoCdProvisioner.apply}: as the direct provisioner's — when the call
 * created the namespace and then fails, it deletes the namespace again before rethrowing; an
 * existing one is left alone. Apply is idempotent (server-side apply), and the caller retries or
 * calls `delete`.
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
    const client = KubernetesObjectApi.makeApiClient(kubeConfig);
    const binding = this.renderOptions.managerRoleBinding;
    if (!binding) {
      await applyObjects(client, [application]);
      return;
    }
    const namespace = vclusterNamespace(spec.name);
    const existed = await unlessNotFound(
      kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: namespace }),
    );
    try {
      await applyObjects(client, [
        renderNamespace(namespace, spec.owner),
        renderManagerRoleBinding(namespace, binding),
        application,
      ]);
    } catch (error) {
      if (!existed) await rollBackNamespace(namespace, kubeConfig, error);
      throw error;
    }
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

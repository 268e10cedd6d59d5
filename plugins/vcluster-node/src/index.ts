/**
 * The vCluster provisioner interface, its extension point, the renderer of the objects the
 * upstream vcluster chart creates, and the direct and Argo CD provisioners.
 *
 * @packageDocumentation
 */
export * from './provisioner/types';
export {
  VCLUSTER_CHART_NAME,
  VCLUSTER_CHART_REPO_URL,
  VCLUSTER_CHART_VERSION,
  VCLUSTER_IMAGE,
  VCLUSTER_IMAGE_REGISTRY,
  VCLUSTER_IMAGE_REPOSITORY,
  VCLUSTER_KUBERNETES_IMAGE_TAG,
} from './chart/version';
export {
  renderVClusterObjects,
  mergedChartValues,
} from './render/renderVClusterObjects';
export { hatchwayValues } from './render/hatchwayValues';
export { BUILT_IN_SIZE_PRESETS } from './render/sizePresets';
export {
  ISOLATION_POLICY_NAME,
  renderIsolationPolicy,
} from './render/isolationPolicy';
export type { NetworkPolicyManifest } from './render/isolationPolicy';
export {
  MANAGED_BY_HATCHWAY,
  MANAGED_BY_LABEL,
  OWNER_KEY,
  ownerLabelValue,
} from './render/metadata';
export {
  DEFAULT_API_SERVER_EGRESS,
  DEFAULT_KUBECONFIG_SERVICE_ACCOUNT,
} from './render/options';
export {
  MANAGER_ROLE_BINDING_NAME,
  renderManagerRoleBinding,
} from './render/managerRoleBinding';
export type {
  ApiServerEgress,
  KubeconfigServiceAccount,
  ManagerRoleBinding,
  VClusterRenderOptions,
} from './render/options';
export { FIELD_MANAGER } from './kube/requests';
export {
  PAUSED_ANNOTATION,
  PAUSED_DATE_ANNOTATION,
  PAUSED_REPLICAS_ANNOTATION,
} from './kube/pauseAnnotations';
export { DirectProvisioner } from './direct/DirectProvisioner';
export { ArgoCdProvisioner } from './argocd/ArgoCdProvisioner';
export {
  renderArgoCdApplication,
  RESOURCES_FINALIZER,
} from './argocd/ArgoCdApplication';
export type {
  ArgoCdApplication,
  ArgoCdOptions,
} from './argocd/ArgoCdApplication';
export { vclusterProvisionerExtensionPoint } from './extensions';
export type { VClusterProvisionerExtensionPoint } from './extensions';
export { VClusterProvisionerRegistry } from './provisioner/VClusterProvisionerRegistry';

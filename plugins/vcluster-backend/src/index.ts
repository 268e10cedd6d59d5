/**
 * Hatchway vClusters backend: asynchronous, owned, quota-bound virtual clusters with TTLs, idle
 * sleep, an audit log and catalog entities.
 *
 * @packageDocumentation
 */
export { vclusterPlugin as default } from './plugin';
// Re-exported so a module adding a provisioner can import it from the plugin it extends.
export {
  vclusterProvisionerExtensionPoint,
  type VClusterProvisionerExtensionPoint,
} from '@hatchway/plugin-vcluster-node';
export { QuotaExceededError } from './service/errors';
export { catalogModuleVClusterEntities } from './catalog/catalogModule';
export { kubernetesModuleVClusterClusters } from './kubernetes/kubernetesModule';

/**
 * Hatchway vClusters backend: asynchronous, owned, quota-bound virtual clusters with TTLs, idle
 * sleep, an audit log and catalog entities.
 *
 * @packageDocumentation
 */
export { vclusterPlugin as default } from './plugin';
export {
  vclusterProvisionerExtensionPoint,
  type VClusterProvisionerExtensionPoint,
} from './provisioning/extensionPoint';
export { QuotaExceededError } from './service/errors';
export { catalogModuleVClusterEntities } from './catalog/catalogModule';

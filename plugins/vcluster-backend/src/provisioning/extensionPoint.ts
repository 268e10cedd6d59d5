import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { VClusterProvisioner } from '@hatchway/plugin-vcluster-node';

/**
 * Lets backend modules add provisioners; `vcluster.hostClusters[].provisioner` picks one by
 * its `type`. Meant to move to `@hatchway/plugin-vcluster-node` beside the interface.
 * @public
 */
export interface VClusterProvisionerExtensionPoint {
  addProvisioner(provisioner: VClusterProvisioner): void;
}

/** @public */
export const vclusterProvisionerExtensionPoint =
  createExtensionPoint<VClusterProvisionerExtensionPoint>({
    id: 'vcluster.provisioners',
  });

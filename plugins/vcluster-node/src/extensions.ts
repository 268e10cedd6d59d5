import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { VClusterProvisioner } from './provisioner/types';

/**
 * What backend modules get from `vclusterProvisionerExtensionPoint`: a way to add provisioners,
 * which the vcluster backend then chooses by `type` per host cluster
 * (`vcluster.hostClusters[].provisioner`).
 * @public
 */
export interface VClusterProvisionerExtensionPoint {
  /** Adds a provisioner; its `type` must not be taken yet. */
  addProvisioner(provisioner: VClusterProvisioner): void;
}

/**
 * Extension point of the vcluster backend plugin for provisioners beyond the built-in `direct`
 * and `argocd` ones.
 * @public
 */
export const vclusterProvisionerExtensionPoint =
  createExtensionPoint<VClusterProvisionerExtensionPoint>({
    id: 'vcluster.provisioners',
  });

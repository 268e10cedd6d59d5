import { usePermission } from '@backstage/plugin-permission-react';
import {
  vclusterCreatePermission,
  vclusterDeletePermission,
  vclusterKubeconfigPermission,
  vclusterUpdatePermission,
} from '@hatchway/plugin-vcluster-common';

/** What the signed-in user may do with one vCluster. */
export interface VClusterPermissions {
  /** Sleep, wake and extend the TTL. */
  canUpdate: boolean;
  canDelete: boolean;
  canDownloadKubeconfig: boolean;
}

/**
 * The user's permissions on the vCluster `name` (the resource ref). Each is false while its
 * decision is pending, so a button never flashes enabled for someone who may not use it.
 */
export function useVClusterPermissions(name: string): VClusterPermissions {
  const update = usePermission({
    permission: vclusterUpdatePermission,
    resourceRef: name,
  });
  const remove = usePermission({
    permission: vclusterDeletePermission,
    resourceRef: name,
  });
  const kubeconfig = usePermission({
    permission: vclusterKubeconfigPermission,
    resourceRef: name,
  });
  return {
    canUpdate: !update.loading && update.allowed,
    canDelete: !remove.loading && remove.allowed,
    canDownloadKubeconfig: !kubeconfig.loading && kubeconfig.allowed,
  };
}

/** Whether the user may create vClusters (false while pending). */
export function useCanCreateVCluster(): boolean {
  const create = usePermission({ permission: vclusterCreatePermission });
  return !create.loading && create.allowed;
}

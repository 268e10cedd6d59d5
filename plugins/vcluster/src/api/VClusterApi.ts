import { createApiRef } from '@backstage/frontend-plugin-api';
import type { VClusterClient } from '@hatchway/plugin-vcluster-common';

/**
 * What the vCluster pages need from the backend: the typed client of vcluster-common, minus the
 * admin-only calls. A type of its own so tests can hand in an in-memory fake.
 * @public
 */
export type VClusterApi = Pick<
  VClusterClient,
  | 'list'
  | 'get'
  | 'create'
  | 'delete'
  | 'sleep'
  | 'wake'
  | 'extendTtl'
  | 'downloadKubeconfig'
  | 'getConfig'
>;

/** The vCluster backend API (`plugin.vcluster.api`). @public */
export const vclusterApiRef = createApiRef<VClusterApi>({
  id: 'plugin.vcluster.api',
});

import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultClusterAccessService } from './DefaultClusterAccessService';
import { ClusterAccessService } from './types';

/**
 * The clusters Hatchway may act on and how to reach each. Root-scoped: config is read once and
 * every plugin sees the same list.
 * @public
 */
export const clusterAccessServiceRef = createServiceRef<ClusterAccessService>({
  id: 'hatchway.cluster-access',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => DefaultClusterAccessService.fromConfig(config),
    }),
});

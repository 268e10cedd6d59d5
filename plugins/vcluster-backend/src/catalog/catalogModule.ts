import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { VClusterClient } from '@hatchway/plugin-vcluster-common';
import { VClusterEntityProvider } from './VClusterEntityProvider';

/**
 * Adds every vCluster to the catalog as a `Resource` (type `kubernetes-cluster`). Install it
 * beside the vCluster backend: `backend.add(catalogModuleVClusterEntities)`.
 * @public
 */
export const catalogModuleVClusterEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'vcluster-entities',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ catalog, config, discovery, auth, scheduler, logger }) {
        // The catalog's own service identity calls the vCluster API (service calls may list all).
        const client = new VClusterClient({
          discoveryApi: discovery,
          fetchApi: {
            fetch: async (input, init) => {
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'vcluster',
              });
              const headers = new Headers(init?.headers);
              headers.set('Authorization', `Bearer ${token}`);
              return fetch(input, { ...init, headers });
            },
          },
        });
        const provider = new VClusterEntityProvider(
          client,
          logger,
          config.getString('app.baseUrl'),
        );
        catalog.addEntityProvider(provider);
        const seconds =
          config.getOptionalNumber('vcluster.catalog.refreshSeconds') ?? 15;
        await scheduler.scheduleTask({
          id: 'vcluster-entities-refresh',
          frequency: { seconds },
          timeout: { minutes: 2 },
          initialDelay: { seconds: Math.min(seconds, 5) },
          fn: () => provider.refresh(),
        });
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { kubernetesClusterSupplierExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { ListVClusterConnectionsResponse } from './types';
import { VClusterClustersSupplier } from './VClusterClustersSupplier';

/**
 * Adds every Ready vCluster to the Backstage Kubernetes plugin as cluster `vcluster-<name>`,
 * beside the clusters of `kubernetes.clusterLocatorMethods`, so entities annotated
 * `backstage.io/kubernetes-id` show their workloads inside vClusters too. Install it beside the
 * vCluster backend and the Kubernetes backend:
 * `backend.add(import('@hatchway/plugin-vcluster-backend').then(m => m.kubernetesModuleVClusterClusters))`.
 *
 * The list comes from the vCluster backend's API with this plugin's own service token (the only
 * identity that API answers with credentials), refreshed on each replica every
 * `vcluster.kubernetes.refreshSeconds`.
 * @public
 */
export const kubernetesModuleVClusterClusters = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'vcluster-clusters',
  register(env) {
    env.registerInit({
      deps: {
        clusterSuppliers: kubernetesClusterSupplierExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({
        clusterSuppliers,
        config,
        discovery,
        auth,
        scheduler,
        logger,
      }) {
        const supplier = new VClusterClustersSupplier(async () => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'vcluster',
          });
          const baseUrl = await discovery.getBaseUrl('vcluster');
          const response = await fetch(`${baseUrl}/kubernetes/clusters`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          if (!response.ok) throw await ResponseError.fromResponse(response);
          return ((await response.json()) as ListVClusterConnectionsResponse)
            .items;
        }, logger);
        clusterSuppliers.addClusterSupplier(async ({ getDefault }) =>
          supplier.wrap(await getDefault()),
        );
        const seconds =
          config.getOptionalNumber('vcluster.kubernetes.refreshSeconds') ?? 15;
        await scheduler.scheduleTask({
          id: 'vcluster-kubernetes-clusters-refresh',
          // Each replica of the Kubernetes plugin keeps its own list.
          scope: 'local',
          frequency: { seconds },
          timeout: { minutes: 1 },
          initialDelay: { seconds: Math.min(seconds, 5) },
          fn: () => supplier.refresh(),
        });
      },
    });
  },
});

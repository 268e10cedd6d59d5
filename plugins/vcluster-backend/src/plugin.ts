import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { clusterAccessServiceRef } from '@hatchway/plugin-cluster-access-node';
import { vclusterPermissions } from '@hatchway/plugin-vcluster-common';
import {
  ArgoCdProvisioner,
  DirectProvisioner,
  VClusterProvisionerRegistry,
  vclusterProvisionerExtensionPoint,
} from '@hatchway/plugin-vcluster-node';
import { randomUUID } from 'node:crypto';
import { readVClusterConfig } from './config/readVClusterConfig';
import { DatabaseVClusterStore } from './database/DatabaseVClusterStore';
import { OwnerNotifier } from './notifications/OwnerNotifier';
import {
  clusterResourceRef,
  isClusterOwner,
} from './permissions/clusterOwnerRule';
import { HostClusters } from './provisioning/HostClusters';
import { createRouter } from './router/createRouter';
import { vclusterClockServiceRef } from './service/clockServiceRef';
import { buildServices } from './buildServices';

/**
 * Hatchway vClusters: owned, quota-bound virtual clusters with TTLs, idle sleep and an audit
 * log, served at `/api/vcluster`.
 * @public
 */
export const vclusterPlugin = createBackendPlugin({
  pluginId: 'vcluster',
  register(env) {
    // `direct` is built in, so a portal needs no extra module for the default; a module that
    // registers another `direct` is refused at start-up rather than silently winning.
    const provisioners = VClusterProvisionerRegistry.create([
      DirectProvisioner.create(),
    ]);
    env.registerExtensionPoint(vclusterProvisionerExtensionPoint, provisioners);
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        notifications: notificationService,
        clusterAccess: clusterAccessServiceRef,
        clock: vclusterClockServiceRef,
      },
      async init(deps) {
        const clusterNames = deps.clusterAccess.listClusters().map(c => c.name);
        const options = readVClusterConfig(deps.config, clusterNames);
        // `argocd` is built in too, but its options come from config, only readable here (after
        // the modules' init, so one that registered `argocd` itself is refused as a duplicate).
        provisioners.addProvisioner(
          ArgoCdProvisioner.create({ argoCd: options.argoCd }),
        );
        const hostClusters = HostClusters.create(
          options.hostClusters,
          provisioners,
          deps.clusterAccess,
          options.argoCd,
        );
        const store = await DatabaseVClusterStore.create(deps);
        deps.permissionsRegistry.addResourceType({
          resourceRef: clusterResourceRef,
          permissions: vclusterPermissions,
          rules: [isClusterOwner],
          getResources: names =>
            Promise.all(names.map(n => store.clusters.get(n))),
        });
        deps.permissionsRegistry.addPermissions(vclusterPermissions);
        const { clock } = deps;
        const services = buildServices({
          ...deps,
          store,
          options,
          hostClusters,
          notifier: new OwnerNotifier(deps.notifications, deps.logger),
          clock,
          holder: randomUUID(),
        });
        await services.schedule(deps.scheduler);
        deps.lifecycle.addStartupHook(() => services.loop.start());
        deps.lifecycle.addShutdownHook(() => services.loop.stop());
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            ...services,
            clusters: store.clusters,
            audit: store.audit,
            clock,
          }),
        );
      },
    });
  },
});

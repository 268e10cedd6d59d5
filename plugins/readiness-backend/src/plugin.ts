import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { clusterAccessServiceRef } from '@hatchway/plugin-cluster-access-node';
import { readinessPermissions } from '@hatchway/plugin-readiness-common';
import { readReadinessConfig } from './config/readReadinessConfig';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { KubernetesClusterObjectReader } from './kubernetes/KubernetesClusterObjectReader';
import { LiveRescoringService } from './live/LiveRescoringService';
import { CatalogEntitySelectors } from './mapping/CatalogEntitySelectors';
import { createPodSecurity } from './podSecurity';
import { createRouter } from './router/createRouter';
import { CheckCatalog } from './service/CheckCatalog';
import { DefaultExemptionService } from './service/DefaultExemptionService';
import { DefaultExportService } from './service/DefaultExportService';
import { DefaultPlatformService } from './service/DefaultPlatformService';
import { DefaultReadinessQueryService } from './service/DefaultReadinessQueryService';
import { DefaultScanService } from './service/DefaultScanService';
import { scheduleTasks } from './service/scheduleTasks';

/**
 * Infra readiness: scheduled scans of every configured cluster, stored findings, daily trends,
 * exemptions and exports, served at `/api/readiness`.
 * @public
 */
export const readinessPlugin = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        clusterAccess: clusterAccessServiceRef,
      },
      async init(deps) {
        const { clusterAccess, logger } = deps;
        const options = readReadinessConfig(deps.config);
        const clusterNames = new Set(
          clusterAccess.listClusters().map(c => c.name),
        );
        for (const name of options.platform.clusters.keys()) {
          if (!clusterNames.has(name)) {
            logger.warn(
              `readiness.platform.${name} names no configured cluster; it is ignored`,
            );
          }
        }
        const clock = () => new Date();
        const store = await DatabaseReadinessStore.create(deps);
        const catalog = CheckCatalog.fromOptions(options);
        const entities = new CatalogEntitySelectors(deps.catalog, deps.auth);
        const podSecurity = await createPodSecurity({
          ...deps,
          options,
          clock,
        });
        const live = new LiveRescoringService({
          clusterAccess,
          store,
          options,
          entities,
          logger,
          clock,
          podSecurity: podSecurity.service,
        });
        const scans = new DefaultScanService({
          clusterAccess,
          reader: podSecurity.recording(
            new KubernetesClusterObjectReader(clusterAccess),
          ),
          entities,
          store,
          options,
          logger,
          clock,
          onScanSucceeded: scan => live.scanSeen(scan),
        });
        deps.lifecycle.addStartupHook(() => live.start());
        deps.lifecycle.addShutdownHook(() => live.stop());
        deps.permissionsRegistry.addPermissions(readinessPermissions);
        await scheduleTasks({ ...deps, scans, store, options, clock });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            scans,
            queries: new DefaultReadinessQueryService({
              clusterAccess,
              entities,
              store,
              catalog,
              options,
              clock,
              live,
            }),
            exemptions: new DefaultExemptionService({
              store,
              catalog,
              clusterAccess,
              maxExemptionDays: options.maxExemptionDays,
              clock,
            }),
            exports: new DefaultExportService({
              store,
              catalog,
              options,
              clock,
            }),
            platform: new DefaultPlatformService({
              clusterAccess,
              store,
              platform: options.platform,
              clock,
            }),
            podSecurity: podSecurity.service,
          }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { clusterAccessServiceRef } from '@hatchway/plugin-cluster-access-node';
import { terminalPermissions } from '@hatchway/plugin-terminal-common';
import { readTerminalConfig } from './config/readTerminalConfig';
import { DatabaseSessionStore } from './database/DatabaseSessionStore';
import { SessionTicketIssuer } from './keys/SessionTicketIssuer';
import { SigningKeys } from './keys/SigningKeys';
import { RunnerJobs } from './kubernetes/RunnerJobs';
import { RunnerPodInformer } from './kubernetes/RunnerPodInformer';
import {
  isSessionOwner,
  sessionResourceRef,
} from './permissions/sessionOwnerRule';
import { createRouter, JWKS_PATH } from './router/createRouter';
import { scheduleTasks } from './service/scheduleTasks';
import { SessionPodTracker } from './service/SessionPodTracker';
import { SessionReaper } from './service/SessionReaper';
import { SessionService } from './service/SessionService';
import { SessionTerminator } from './service/SessionTerminator';
import { createVClusterKubeconfigs } from './service/vclusterKubeconfigs';
import { WarmPool } from './service/WarmPool';

/**
 * Session terminals: one runner Job per session, a session store shared with the gateway,
 * one-time tickets and their JWKS, served at `/api/terminal`.
 * @public
 */
export const terminalPlugin = createBackendPlugin({
  pluginId: 'terminal',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusterAccess: clusterAccessServiceRef,
      },
      async init(deps) {
        const { logger, clusterAccess } = deps;
        const options = readTerminalConfig(deps.config);
        const clock = () => new Date();
        const keys = SigningKeys.load(options.signingKeys, logger);
        const store = await DatabaseSessionStore.create(deps);
        const cluster =
          options.cluster ?? clusterAccess.listClusters()[0]?.name;
        if (!cluster) throw new Error('terminal: no cluster is configured');
        const kubeConfig = clusterAccess.getKubeConfig(cluster);
        const jobs = new RunnerJobs(kubeConfig, options.runnerNamespace);
        const informer = new RunnerPodInformer(
          kubeConfig,
          options.runnerNamespace,
          logger,
        );
        const terminator = new SessionTerminator(store, jobs, logger, clock);
        const tracker = new SessionPodTracker({
          store,
          informer,
          jobs,
          terminator,
          logger,
          clock,
        });
        const warmPool = new WarmPool({
          profiles: options.profiles,
          jobs,
          informer,
          ttlSecondsAfterFinished: options.ttlSecondsAfterFinished,
          logger,
          clock,
        });
        const reaper = new SessionReaper({
          store,
          terminator,
          recordingRetentionDays: options.recordingRetentionDays,
          logger,
          clock,
        });

        deps.permissionsRegistry.addPermissions(terminalPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: sessionResourceRef,
          permissions: terminalPermissions,
          rules: [isSessionOwner],
          getResources: ids => store.getMany(ids),
        });
        await scheduleTasks({ ...deps, informer, tracker, reaper, warmPool });
        deps.httpRouter.addAuthPolicy({
          path: JWKS_PATH,
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry: deps.permissionsRegistry,
            gatewayUrl: options.gatewayUrl,
            jwks: () => keys.jwks(),
            sessions: new SessionService({
              options,
              store,
              jobs,
              warmPool,
              terminator,
              issuer: new SessionTicketIssuer(keys, options.tickets),
              userInfo: deps.userInfo,
              vclusterKubeconfigs: createVClusterKubeconfigs(
                deps.auth,
                deps.discovery,
              ),
              logger,
              clock,
            }),
          }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createVClusterCreateAction } from './actions/createVClusterAction';
import { createVClusterDeleteAction } from './actions/deleteVClusterAction';
import { createVClusterWaitAction } from './actions/waitForVClusterAction';
import { createKubeconfigUrlResolver } from './client/kubeconfigUrl';
import { createUserScopedClientFactory } from './client/userScopedClient';

/**
 * Adds `vcluster:create`, `vcluster:wait` and `vcluster:delete` to the scaffolder.
 * @public
 */
export const scaffolderModuleVCluster = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'vcluster',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        const clientFor = createUserScopedClientFactory({ discovery, auth });
        const kubeconfigUrlFor = createKubeconfigUrlResolver(discovery);
        scaffolder.addActions(
          createVClusterCreateAction({ clientFor, kubeconfigUrlFor }),
          createVClusterWaitAction({ clientFor }),
          createVClusterDeleteAction({ clientFor }),
        );
      },
    });
  },
});

import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import oauth2ProxyProvider from '@backstage/plugin-auth-backend-module-oauth2-proxy-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleVCluster from '@hatchway/plugin-scaffolder-backend-module-vcluster';
import readinessBackend from '@hatchway/plugin-readiness-backend';
import terminalBackend from '@hatchway/plugin-terminal-backend';
import vclusterBackend, {
  catalogModuleVClusterEntities,
  kubernetesModuleVClusterClusters,
} from '@hatchway/plugin-vcluster-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import { hatchwayPermissionPolicyModule } from './modules/permissionPolicy';
import { localGuestSignIn } from './modules/localGuestSignIn';
import { authModuleOidcProviderWithRetry } from './modules/oidcSignIn/oidcProviderModule';

/**
 * Every feature of the Hatchway backend, in one list so that the production entry point and the
 * integration tests boot exactly the same backend. (Static imports: jest cannot load dynamic ones.)
 */
export const hatchwayBackendFeatures = [
  appBackend,
  authBackend,
  localGuestSignIn,
  // Backstage's OIDC provider, with its discovery retried while the identity provider is down.
  authModuleOidcProviderWithRetry,
  oauth2ProxyProvider,
  catalogBackend,
  catalogScaffolderEntityModel,
  catalogLogs,
  scaffolderBackend,
  scaffolderModuleVCluster,
  kubernetesBackend,
  // Ready vClusters join the clusters of the Kubernetes plugin (its tab shows their workloads).
  kubernetesModuleVClusterClusters,
  permissionBackend,
  hatchwayPermissionPolicyModule,
  readinessBackend,
  terminalBackend,
  vclusterBackend,
  catalogModuleVClusterEntities,
  notificationsBackend,
];

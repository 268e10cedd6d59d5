import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { vclusterApi } from './extensions/apis';
import { ownedVClustersCard } from './extensions/entityCards';
import { entityVClusterContent } from './extensions/entityContents';
import { vclustersPage } from './extensions/pages';
import { rootRouteRef, vclusterDetailsRouteRef } from './routes';

/**
 * Hatchway's vClusters: the `/vclusters` page (list, create, actions, each vCluster's page),
 * the vCluster tab of a vCluster's catalog Resource, the "vClusters owned" card on User and
 * Group pages, and the API they share.
 * @public
 */
export const vclusterPlugin = createFrontendPlugin({
  pluginId: 'vcluster',
  title: 'vClusters',
  icon: <CloudQueueIcon fontSize="inherit" />,
  routes: { root: rootRouteRef, details: vclusterDetailsRouteRef },
  extensions: [
    vclusterApi,
    vclustersPage,
    entityVClusterContent,
    ownedVClustersCard,
  ],
});

import { PageBlueprint } from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { rootRouteRef } from '../routes';

/** The `/vclusters` page (and `/vclusters/:name`) with nav item "vClusters": `page:vcluster`. */
export const vclustersPage = PageBlueprint.make({
  params: {
    path: '/vclusters',
    title: 'vClusters',
    icon: <CloudQueueIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/VClustersRouter').then(m => <m.VClustersRouter />),
  },
});

import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { vclusterResourceFilter } from './filters';

/** The vCluster tab of a vCluster's catalog Resource: `entity-content:vcluster`. */
export const entityVClusterContent = EntityContentBlueprint.make({
  params: {
    path: '/vcluster',
    title: 'vCluster',
    group: 'deployment',
    filter: vclusterResourceFilter,
    loader: () =>
      import('../components/EntityVClusterContent/EntityVClusterContent').then(
        m => <m.EntityVClusterContent />,
      ),
  },
});

import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ownerEntityFilter } from './filters';

/** "vClusters owned" on User and Group pages: `entity-card:vcluster/owned`. */
export const ownedVClustersCard = EntityCardBlueprint.make({
  name: 'owned',
  params: {
    filter: ownerEntityFilter,
    loader: () =>
      import('../components/OwnedVClustersCard/OwnedVClustersCard').then(m => (
        <m.OwnedVClustersCard />
      )),
  },
});

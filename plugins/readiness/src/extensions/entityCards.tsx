import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  groupEntityFilter,
  platformEntityFilter,
  workloadEntityFilter,
} from './filters';

/** Score, level and top failing checks on an entity's overview: `entity-card:readiness/entity`. */
export const entityReadinessCard = EntityCardBlueprint.make({
  name: 'entity',
  params: {
    filter: workloadEntityFilter,
    loader: () =>
      import('../components/EntityReadinessCard/EntityReadinessCard').then(
        m => <m.EntityReadinessCard />,
      ),
  },
});

/** The team's compliance on a Group page: `entity-card:readiness/group`. */
export const groupReadinessCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: groupEntityFilter,
    loader: () =>
      import('../components/GroupReadinessCard/GroupReadinessCard').then(m => (
        <m.GroupReadinessCard />
      )),
  },
});

/**
 * The live status of the platform components an entity maps to (through `entityRef` in config
 * or the Kubernetes annotations): `entity-card:readiness/platform`.
 */
export const entityPlatformCard = EntityCardBlueprint.make({
  name: 'platform',
  params: {
    filter: platformEntityFilter,
    loader: () =>
      import('../components/EntityPlatformCard/EntityPlatformCard').then(m => (
        <m.EntityPlatformCard />
      )),
  },
});

import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { entityReadinessRouteRef } from '../routes';
import { workloadEntityFilter } from './filters';

/** The Readiness tab of an entity: `entity-content:readiness`. */
export const entityReadinessContent = EntityContentBlueprint.make({
  params: {
    path: '/readiness',
    title: 'Readiness',
    group: 'deployment',
    routeRef: entityReadinessRouteRef,
    filter: workloadEntityFilter,
    loader: () =>
      import(
        '../components/EntityReadinessContent/EntityReadinessContent'
      ).then(m => <m.EntityReadinessContent />),
  },
});

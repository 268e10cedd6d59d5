import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The `/vclusters` page. */
export const rootRouteRef = createRouteRef();

/** One vCluster's page, `/vclusters/:name`. */
export const vclusterDetailsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:name',
});

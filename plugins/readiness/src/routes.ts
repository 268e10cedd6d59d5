import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The `/readiness` compliance page. */
export const rootRouteRef = createRouteRef();

/** The Readiness tab of an entity page, which the entity card links to. */
export const entityReadinessRouteRef = createRouteRef();

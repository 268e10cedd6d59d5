import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The `/terminal` page: the caller's sessions. */
export const rootRouteRef = createRouteRef();

/** One session's terminal, `/terminal/sessions/:id`: a reload comes back to the live session. */
export const sessionRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/sessions/:id',
});

import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { EvaluatePermissionRequest } from '@backstage/plugin-permission-common';
import { vclusterApiRef } from '../api/VClusterApi';
import { rootRouteRef } from '../routes';
import { FakeVClusterApi } from './FakeVClusterApi';

/** Decides each permission request: allow everything unless a test says otherwise. */
export type PermissionDecider = (
  request: EvaluatePermissionRequest,
) => 'ALLOW' | 'DENY';

/**
 * Renders a vCluster view in a test app with the fake backend, the guest (a member of team-a)
 * signed in, and the `/vclusters` page mounted so links resolve.
 */
export function renderWithApis(
  element: JSX.Element,
  options: { api: FakeVClusterApi; permission?: PermissionDecider },
) {
  const decide = options.permission ?? (() => 'ALLOW');
  return renderInTestApp(element, {
    apis: [
      [vclusterApiRef, options.api],
      mockApis.permission({ authorize: request => decide(request) as never }),
      mockApis.identity({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: ['user:default/guest', 'group:default/team-a'],
      }),
    ],
    mountedRoutes: { '/vclusters': rootRouteRef },
  });
}

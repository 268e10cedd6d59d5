import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';

/** Test users and the groups each belongs to (what the catalog would resolve). */
export const USERS: Record<string, string[]> = {
  'user:default/jane': ['group:default/team-a'],
  'user:default/ann': ['group:default/team-a'],
  'user:default/bob': ['group:default/team-b'],
  'user:default/root': ['group:default/admins'],
};

export const claimsOf = (userRef: string) => [
  userRef,
  ...(USERS[userRef] ?? []),
];

const ADMIN_GROUPS = new Set(['group:default/admins']);

/**
 * The portal's permission decisions (packages/backend HatchwayPermissionPolicy) as a
 * permissions service: admins may do anything; `*.admin` only admins; read, update and delete
 * on a vCluster answer CONDITIONAL `IS_OWNER` with the caller's claims; the rest is allowed.
 */
function decide(
  permission: Permission,
  principal: { type: string; userEntityRef?: string },
) {
  if (principal.type !== 'user')
    return { result: AuthorizeResult.ALLOW } as const;
  const claims = claimsOf(principal.userEntityRef!);
  if (claims.some(c => ADMIN_GROUPS.has(c)))
    return { result: AuthorizeResult.ALLOW } as const;
  if (/^vcluster\.[a-z.]*admin$/.test(permission.name)) {
    return { result: AuthorizeResult.DENY } as const;
  }
  if (
    isResourcePermission(permission) &&
    permission.resourceType === 'vcluster-cluster' &&
    ['read', 'update', 'delete'].includes(
      permission.attributes.action ?? 'read',
    )
  ) {
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'vcluster',
      resourceType: 'vcluster-cluster',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'vcluster-cluster',
        params: { claims },
      },
    } as const;
  }
  return { result: AuthorizeResult.ALLOW } as const;
}

export function portalPermissions() {
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const d = decide(r.permission, credentials.principal as any);
        return {
          result:
            d.result === AuthorizeResult.ALLOW
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r =>
        decide(r.permission, credentials.principal as any),
      ) as any,
  }).factory;
}

export function portalUserInfo() {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef, ownershipEntityRefs: claimsOf(userEntityRef) };
    },
  }).factory;
}

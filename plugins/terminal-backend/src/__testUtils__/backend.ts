import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import terminalPlugin from '..';

export const JANE = 'user:default/jane';
export const JOHN = 'user:default/john';
export const ADA = 'user:default/ada';
export const ADMINS = 'group:default/platform-admins';

/** Group memberships of the test users (what the catalog would say). */
const MEMBERSHIPS: Record<string, string[]> = {
  [JANE]: ['group:default/team-a'],
  [JOHN]: ['group:default/team-b'],
  [ADA]: [ADMINS],
};

function claimsOf(ref: string): string[] {
  return [ref, ...(MEMBERSHIPS[ref] ?? [])];
}

/** The users' ownership claims, as the auth backend would resolve them from the catalog. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: claimsOf(ref),
      };
    },
  }),
});

/**
 * The portal policy's terminal rules (packages/backend HatchwayPermissionPolicy): admins may do
 * anything, admin permissions are for admins only, using a session is conditional on IS_OWNER.
 */
function decide(permission: Permission, claims: string[]): PolicyDecision {
  if (claims.includes(ADMINS)) return { result: AuthorizeResult.ALLOW };
  if (permission.name.endsWith('.admin'))
    return { result: AuthorizeResult.DENY };
  if (isResourcePermission(permission, 'terminal-session')) {
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'terminal',
      resourceType: 'terminal-session',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'terminal-session',
        params: { claims },
      },
    };
  }
  return { result: AuthorizeResult.ALLOW };
}

/**
 * The permission service answering with that policy in-process. (The permission backend needs
 * real plugin tokens carrying an actor to accept on-behalf-of requests, which the test backend's
 * mock auth does not issue.) The conditions are still applied by the plugin's own IS_OWNER rule.
 */
const permissionsFactory = mockServices.permissions.mock({
  async authorize(requests, { credentials }) {
    const claims = claimsOf(
      (credentials.principal as { userEntityRef: string }).userEntityRef,
    );
    return requests.map(r => {
      const decision = decide(r.permission, claims);
      return {
        result:
          decision.result === AuthorizeResult.ALLOW
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    });
  },
  async authorizeConditional(requests, { credentials }) {
    const claims = claimsOf(
      (credentials.principal as { userEntityRef: string }).userEntityRef,
    );
    return requests.map(r => decide(r.permission, claims)) as any;
  },
}).factory;

/** The terminal plugin on a test backend with the users, groups and policy above. */
export async function startTerminal(options: { config: object; knex: Knex }) {
  const backend = await startTestBackend({
    features: [
      terminalPlugin,
      permissionsFactory,
      userInfoFactory,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...options.config },
      }),
      mockServices.database.factory({ knex: options.knex }),
    ],
  });
  const api = request(backend.server);
  const as = (user: string) => {
    const auth = mockCredentials.user.header(user);
    return {
      get: (path: string) =>
        api.get(`/api/terminal${path}`).set('Authorization', auth),
      post: (path: string, body?: object) =>
        api.post(`/api/terminal${path}`).set('Authorization', auth).send(body),
      del: (path: string) =>
        api.delete(`/api/terminal${path}`).set('Authorization', auth),
    };
  };
  return { backend, api, as };
}

import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
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
        ownershipEntityRefs: [ref, ...(MEMBERSHIPS[ref] ?? [])],
      };
    },
  }),
});

/**
 * The portal policy's terminal rules (packages/backend HatchwayPermissionPolicy): admins may do
 * anything, admin permissions are for admins only, using a session is conditional on IS_OWNER.
 */
const ownerPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'terminal-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const claims = user?.info.ownershipEntityRefs ?? [];
            if (claims.includes(ADMINS)) return { result: AuthorizeResult.ALLOW };
            if (req.permission.name.endsWith('.admin')) {
              return { result: AuthorizeResult.DENY };
            }
            if (isResourcePermission(req.permission, 'terminal-session')) {
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
          },
        });
      },
    });
  },
});

/** The terminal plugin with the real permission backend on a test backend. */
export async function startTerminal(options: { config: object; knex: Knex }) {
  const backend = await startTestBackend({
    features: [
      terminalPlugin,
      permissionBackend,
      ownerPolicyModule,
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
      get: (path: string) => api.get(`/api/terminal${path}`).set('Authorization', auth),
      post: (path: string, body?: object) =>
        api.post(`/api/terminal${path}`).set('Authorization', auth).send(body),
      del: (path: string) => api.delete(`/api/terminal${path}`).set('Authorization', auth),
    };
  };
  return { backend, api, as };
}

import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { terminalSessionUsePermission } from '@hatchway/plugin-terminal-common';
import { Request } from 'express';
import { StoredSession } from '../database/types';
import { sessionResourceRef } from '../permissions/sessionOwnerRule';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** The one place routes ask for permission; denials throw NotAllowedError (403). */
export interface Authorize {
  /** The signed-in user, after checking a basic permission. */
  user(req: Request, permission: BasicPermission): Promise<UserCredentials>;
  /** The signed-in user, after checking `terminal.session.use` on one session. */
  session(req: Request, session: StoredSession): Promise<UserCredentials>;
  /** Whether the user holds a basic permission (no error). */
  holds(
    credentials: UserCredentials,
    permission: BasicPermission,
  ): Promise<boolean>;
}

export function createAuthorize(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
  registry: PermissionsRegistryService,
): Authorize {
  // Conditions on our own sessions are applied here, with the rules this plugin registered,
  // instead of a round trip through the permission backend back to this plugin.
  const applyConditions = createConditionAuthorizer(
    registry.getPermissionRuleset(sessionResourceRef),
  );
  const decide = async (
    credentials: UserCredentials,
    request: Parameters<PermissionsService['authorize']>[0][number],
  ) => {
    const [decision] = await permissions.authorize([request], { credentials });
    return decision.result === AuthorizeResult.ALLOW;
  };
  return {
    async user(req, permission) {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      if (!(await decide(credentials, { permission }))) {
        throw new NotAllowedError(`Not allowed: ${permission.name}`);
      }
      return credentials;
    },
    async session(req, session) {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const [decision] = await permissions.authorizeConditional(
        [{ permission: terminalSessionUsePermission }],
        { credentials },
      );
      if (!applyConditions(decision, session)) {
        throw new NotAllowedError(`Not allowed to use session ${session.id}`);
      }
      return credentials;
    },
    holds: (credentials, permission) => decide(credentials, { permission }),
  };
}

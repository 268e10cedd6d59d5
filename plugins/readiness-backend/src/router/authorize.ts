import {
  BackstageCredentials,
  BackstagePrincipalTypes,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';

/** Who may call a route at all, before the permission decides. */
export type Caller = keyof Pick<BackstagePrincipalTypes, 'user' | 'service'>;

/**
 * Resolves the caller and checks one permission; throws NotAllowedError (403) when denied.
 * The one place routes ask for permission.
 */
export type Authorize = <TCaller extends Caller>(
  req: Request,
  permission: BasicPermission,
  allow: TCaller[],
) => Promise<BackstageCredentials<BackstagePrincipalTypes[TCaller]>>;

export function createAuthorize(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
): Authorize {
  return async (req, permission, allow) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  };
}

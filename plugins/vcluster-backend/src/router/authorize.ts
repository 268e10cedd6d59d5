import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { vclusterReadPermission } from '@hatchway/plugin-vcluster-common';
import { Request } from 'express';
import { ClusterRow } from '../database/rows';
import {
  ClusterOwnerQuery,
  isClusterOwner,
} from '../permissions/clusterOwnerRule';

const ruleset = [isClusterOwner];
const isAllowed = createConditionAuthorizer<ClusterRow, ClusterOwnerQuery>(
  ruleset,
);
const toQuery = createConditionTransformer<ClusterOwnerQuery, any>(ruleset);

/** The one place routes ask for permission; denials throw NotAllowedError (403). */
export interface Authorize {
  /** The caller, after checking a basic permission. */
  basic(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  /**
   * The caller and the vCluster, after checking a permission on it. Conditions (`IS_OWNER`)
   * are evaluated here against the stored row, so no call goes back through the permission
   * backend. An unknown vCluster is 404 before any permission is asked.
   */
  cluster(
    req: Request,
    permission: ResourcePermission<'vcluster-cluster'>,
    name: string,
  ): Promise<{ credentials: BackstageCredentials; row: ClusterRow }>;
  /** The owners whose vClusters the caller may read; undefined means every owner. */
  readableOwners(req: Request): Promise<string[] | undefined>;
}

export function createAuthorize(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
  load: (name: string) => Promise<ClusterRow | undefined>,
): Authorize {
  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  return {
    async basic(req, permission) {
      const credentials = await credentialsOf(req);
      const [decision] = await permissions.authorize([{ permission }], {
        credentials,
      });
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(`Not allowed: ${permission.name}`);
      }
      return credentials;
    },
    async cluster(req, permission, name) {
      const credentials = await credentialsOf(req);
      const row = await load(name);
      if (!row) throw new NotFoundError(`No vCluster named '${name}'`);
      const [decision] = await permissions.authorizeConditional(
        [{ permission }],
        { credentials },
      );
      if (!isAllowed(decision, row)) {
        throw new NotAllowedError(
          `Not allowed: ${permission.name} on vCluster '${name}'`,
        );
      }
      return { credentials, row };
    },
    async readableOwners(req) {
      const credentials = await credentialsOf(req);
      const [decision] = await permissions.authorizeConditional(
        [{ permission: vclusterReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.CONDITIONAL) {
        return ownersOf(toQuery(decision.conditions));
      }
      return decision.result === AuthorizeResult.ALLOW ? undefined : [];
    },
  };
}

/**
 * Flattens the query criteria into one owner list. The portal's policy sends a single
 * `IS_OWNER`; `anyOf` unions, `allOf` intersects, and `not` (which cannot become an owner list)
 * allows nothing rather than too much.
 */
function ownersOf(criteria: PermissionCriteria<ClusterOwnerQuery>): string[] {
  if ('owners' in criteria) return criteria.owners;
  if ('anyOf' in criteria) return criteria.anyOf.flatMap(ownersOf);
  if ('allOf' in criteria) {
    const [first, ...rest] = criteria.allOf.map(ownersOf);
    return (first ?? []).filter(o => rest.every(r => r.includes(o)));
  }
  return [];
}

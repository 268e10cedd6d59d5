import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Resource types whose instances have an owner, and the plugin that evaluates rules for them.
 * Each of these plugins registers an `IS_OWNER` rule taking the caller's ownership refs.
 */
export const OWNED_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'vcluster-cluster': 'vcluster',
  'terminal-session': 'terminal',
};

/**
 * Hatchway's admin permissions (`terminal.session.admin`, `vcluster.audit.admin`, …): seeing or
 * acting on everyone's resources. Only members of the admin groups get them.
 */
const isAdminPermission = (name: string) =>
  /^(terminal|vcluster)\.[a-z.]*admin$/.test(name);

/** Permission actions that only an owner (or an admin) may take on an owned resource. */
const OWNER_ONLY_ACTIONS = new Set(['read', 'update', 'delete']);

/**
 * Hatchway's permission policy.
 *
 * - Members of the configured admin groups (`hatchway.permission.adminGroups`) may do anything.
 * - Reading, changing or deleting an owned Hatchway resource (a vCluster, a terminal session) is
 *   allowed only to its owner: the policy answers with an `IS_OWNER` condition that the owning
 *   plugin evaluates against the resource.
 * - Hatchway's admin permissions (`*.admin`) are for the admin groups only.
 * - Everything else is allowed, which keeps the portal usable with guest sign-in locally.
 */
export class HatchwayPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): HatchwayPermissionPolicy {
    const adminGroups =
      config.getOptionalStringArray('hatchway.permission.adminGroups') ?? [];
    return new HatchwayPermissionPolicy(new Set(adminGroups));
  }

  private constructor(private readonly adminGroups: ReadonlySet<string>) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.some(ref => this.adminGroups.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }

    const { permission } = request;
    if (isAdminPermission(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      isResourcePermission(permission) &&
      permission.resourceType in OWNED_RESOURCE_TYPES &&
      OWNER_ONLY_ACTIONS.has(permission.attributes.action ?? 'read')
    ) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: OWNED_RESOURCE_TYPES[permission.resourceType],
        resourceType: permission.resourceType,
        conditions: {
          rule: 'IS_OWNER',
          resourceType: permission.resourceType,
          params: { claims },
        },
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

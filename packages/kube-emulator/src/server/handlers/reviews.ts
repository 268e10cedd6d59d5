import type { ResourceType } from '../../api/resourceType';
import { Ctx, sendJson } from '../context';
import type { ResourceRequestInfo } from '../router';
import { badRequest, invalid, required } from '../errors';
import { isObject } from '../../util/json';
import type { Attributes } from '../rbac';
import { AuthenticatedUser, normalizeUser, SUPERUSER_GROUP } from '../auth';
import { body } from './write';

function attributes(
  spec: any,
  namespaceOverride?: string,
): Attributes | undefined {
  const r = spec?.resourceAttributes;
  if (isObject(r)) {
    return {
      isResource: true,
      verb: r.verb ?? '',
      group: r.group ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource || undefined,
      name: r.name || undefined,
      namespace: namespaceOverride ?? (r.namespace || undefined),
    };
  }
  const n = spec?.nonResourceAttributes;
  if (isObject(n))
    return { isResource: false, verb: n.verb ?? '', path: n.path ?? '' };
  return undefined;
}

function decide(
  ctx: Ctx,
  user: AuthenticatedUser,
  a: Attributes,
): { allowed: boolean; reason?: string } {
  const rbac = ctx.deps.rbac;
  if (!rbac) return { allowed: true };
  const allowed = rbac.allowed(user, a);
  if (allowed) {
    return {
      allowed,
      reason: user.groups.includes(SUPERUSER_GROUP)
        ? ''
        : 'RBAC: allowed by a binding',
    };
  }
  return { allowed: false, reason: '' };
}

/**
 * The authorization and authentication review kinds: SelfSubjectAccessReview (kubectl auth can-i),
 * SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectRulesReview (can-i --list),
 * SelfSubjectReview (auth whoami) and TokenReview.
 */
export async function handleReview(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const input: any = await body(ctx);
  if (!isObject(input))
    throw badRequest(`the body of the request was not a ${rt.kind}`);
  const apiVersion = `${rt.group}/${info.version}`;
  const spec = input.spec ?? {};
  const out = (status: object, extraSpec?: object) =>
    sendJson(ctx.res, 201, {
      kind: rt.kind,
      apiVersion,
      metadata: {
        creationTimestamp: null,
        ...(info.namespace ? { namespace: info.namespace } : {}),
      },
      ...(rt.kind === 'SelfSubjectReview'
        ? {}
        : { spec: { ...spec, ...extraSpec } }),
      status,
    });
  switch (rt.kind) {
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview': {
      const a = attributes(
        spec,
        rt.kind === 'LocalSubjectAccessReview' ? info.namespace : undefined,
      );
      if (!a)
        throw invalid(rt.group, rt.kind, '', [
          required(
            'spec.resourceAttributes',
            'exactly one of nonResourceAttributes or resourceAttributes must be specified',
          ),
        ]);
      let user = ctx.user;
      if (rt.kind !== 'SelfSubjectAccessReview') {
        if (!spec.user && !spec.groups)
          throw invalid(rt.group, rt.kind, '', [
            required(
              'spec.user',
              'at least one of user or group must be specified',
            ),
          ]);
        user = normalizeUser({
          username: spec.user ?? '',
          groups: spec.groups ?? [],
        });
        if (!(spec.groups ?? []).includes('system:authenticated'))
          user.groups = user.groups.filter(g => g !== 'system:authenticated');
      }
      const d = decide(ctx, user, a);
      const status: Record<string, unknown> = { allowed: d.allowed };
      if (!d.allowed && ctx.deps.rbac) status.reason = '';
      else if (d.reason) status.reason = d.reason;
      return out(status);
    }
    case 'SelfSubjectRulesReview': {
      const ns = spec.namespace ?? '';
      const rules =
        ctx.deps.rbac && !ctx.user.groups.includes(SUPERUSER_GROUP)
          ? ctx.deps.rbac.rulesFor(ctx.user, ns)
          : [
              { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
              { verbs: ['*'], nonResourceURLs: ['*'] },
            ];
      return out({
        resourceRules: rules
          .filter(r => r.resources)
          .map(r => ({
            verbs: r.verbs,
            apiGroups: r.apiGroups,
            resources: r.resources,
            ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
          })),
        nonResourceRules: rules
          .filter(r => r.nonResourceURLs)
          .map(r => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
        incomplete: false,
      });
    }
    case 'SelfSubjectReview':
      return out({
        userInfo: { username: ctx.user.username, groups: ctx.user.groups },
      });
    case 'TokenReview': {
      let status: object = {
        authenticated: false,
        error: 'invalid bearer token',
      };
      try {
        const u = ctx.deps.auth.authenticate(`Bearer ${spec.token ?? ''}`);
        status = {
          authenticated: true,
          user: { username: u.username, groups: u.groups },
          audiences: spec.audiences ?? [],
        };
      } catch {
        // unknown tokens are reported in the status, not as an error
      }
      return out(status);
    }
    default:
      throw badRequest(`${rt.kind} is not supported`);
  }
}

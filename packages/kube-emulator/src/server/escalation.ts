import type { ResourceType } from '../api/resourceType';
import type { WriteAdmission } from '../core/Core';
import type { KubeObject } from '../types';
import { normalize } from '../store/serialize';
import { clone, deepEqual, isObject } from '../util/json';
import type { AuthenticatedUser } from './auth';
import { SUPERUSER_GROUP } from './auth';
import type { Ctx } from './context';
import { forbidden, internalError, notFound } from './errors';
import type { Attributes, RbacAuthorizer, Rule } from './rbac';
import type { ResourceRequestInfo } from './router';

/**
 * Privilege-escalation prevention for RBAC objects, as the API server's policy-based RBAC
 * storage does it (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased
 * and pkg/registry/rbac/validation):
 *
 * - a Role / ClusterRole may only be written by someone who already holds every permission it
 *   grants (in its namespace for a Role, cluster-wide for a ClusterRole), or who may `escalate`
 *   it (authorized with the request's name, so resourceNames never match a POST create);
 * - a RoleBinding / ClusterRoleBinding may only be written by someone who may `bind` the
 *   referenced role (checked in the binding's namespace, with the role's name) or who holds every
 *   permission of that role; when that role does not exist the write is a 404 for the role;
 * - members of system:masters skip both checks;
 * - an update that only changes what the garbage collector changes (ownerReferences, finalizers,
 *   managedFields) is never checked.
 */

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const ROLE_KINDS = ['roles', 'clusterroles'];
const BINDING_KINDS = ['rolebindings', 'clusterrolebindings'];

const hasItem = (list: string[] | undefined, v: string) =>
  (list ?? []).includes(v);
const hasAll = (list: string[] | undefined, items: string[] | undefined) =>
  (items ?? []).every(i => hasItem(list, i));
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter(s => typeof s === 'string') : [];

/** Splits a rule into rules of one group, resource, verb and name (or one URL and verb). */
export function breakdownRule(rule: Rule): Rule[] {
  const out: Rule[] = [];
  const verbs = strings(rule.verbs);
  const names = strings(rule.resourceNames);
  for (const group of strings(rule.apiGroups))
    for (const resource of strings(rule.resources))
      for (const verb of verbs) {
        if (names.length === 0)
          out.push({
            apiGroups: [group],
            resources: [resource],
            verbs: [verb],
          });
        else
          for (const n of names)
            out.push({
              apiGroups: [group],
              resources: [resource],
              verbs: [verb],
              resourceNames: [n],
            });
      }
  for (const url of strings(rule.nonResourceURLs))
    for (const verb of verbs)
      out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

function resourcesCover(owner: string[] | undefined, wanted: string[]) {
  if (hasItem(owner, '*') || hasAll(owner, wanted)) return true;
  return wanted.every(path => {
    if (hasItem(owner, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && hasItem(owner, `*/${path.slice(slash + 1)}`);
  });
}

const urlCovers = (owner: string, path: string) =>
  owner === path ||
  (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')));

/** Whether an owner rule covers a broken-down rule (upstream ruleCovers). */
export function ruleCovers(owner: Rule, sub: Rule): boolean {
  const verbs = hasItem(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups =
    hasItem(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourcesCover(owner.resources, sub.resources ?? []);
  const urls = (sub.nonResourceURLs ?? []).every(p =>
    (owner.nonResourceURLs ?? []).some(o => urlCovers(o, p)),
  );
  const ownerNames = owner.resourceNames ?? [];
  const names =
    (sub.resourceNames ?? []).length === 0
      ? ownerNames.length === 0
      : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** The parts of `wanted` no owner rule covers, broken down (upstream Covers). */
export function uncovered(owner: Rule[], wanted: Rule[]): Rule[] {
  return wanted
    .flatMap(breakdownRule)
    .filter(sub => !owner.some(o => ruleCovers(o, sub)));
}

/** Merges broken-down rules of the same group/resource/name that differ only by verb (upstream CompactRules). */
export function compactRules(rules: Rule[]): Rule[] {
  const simple = new Map<string, Rule>();
  const out: Rule[] = [];
  for (const r of rules) {
    const isSimple =
      (r.resourceNames ?? []).length <= 1 &&
      (r.nonResourceURLs ?? []).length === 0 &&
      (r.apiGroups ?? []).length === 1 &&
      (r.resources ?? []).length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([
      r.apiGroups![0],
      r.resources![0],
      r.resourceNames ?? [],
    ]);
    const existing = simple.get(key);
    if (existing)
      existing.verbs = [...(existing.verbs ?? []), ...(r.verbs ?? [])];
    else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...out, ...simple.values()];
}

/** Go's %q of a []string: `["a" "b"]`. */
const goQuoted = (list: string[]) =>
  `[${list.map(s => JSON.stringify(s)).join(' ')}]`;

/** A rule as escalation messages show it (upstream CompactString). */
export function compactString(r: Rule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoted(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoted(r.resources)}`);
  if (r.nonResourceURLs?.length)
    parts.push(`NonResourceURLs:${goQuoted(r.nonResourceURLs)}`);
  if (r.resourceNames?.length)
    parts.push(`ResourceNames:${goQuoted(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuoted(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** Go's sort.Strings order (byte-wise). */
const byteOrder = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
};

/** The reason of an escalation refusal, or undefined when the user holds every wanted permission. */
export function escalationReason(
  rbac: RbacAuthorizer,
  user: AuthenticatedUser,
  namespace: string,
  wanted: Rule[],
): string | undefined {
  const missing = uncovered(rbac.rulesFor(user, namespace), wanted);
  if (missing.length === 0) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort(
    byteOrder,
  );
  return `user ${JSON.stringify(user.username)} (groups=${goQuoted(
    user.groups,
  )}) is attempting to grant RBAC permissions not currently held:\n${lines.join(
    '\n',
  )}`;
}

/** Whether an update only changes what the garbage collector changes (upstream IsOnlyMutatingGCFields). */
function onlyGcFields(obj: KubeObject, old: KubeObject): boolean {
  const copy = clone(obj);
  if (!isObject(copy.metadata)) return false;
  for (const f of [
    'ownerReferences',
    'finalizers',
    'selfLink',
    'managedFields',
  ]) {
    if (old.metadata[f] === undefined) delete copy.metadata[f];
    else copy.metadata[f] = clone(old.metadata[f]);
  }
  return deepEqual(normalize(copy), normalize(clone(old)));
}

const rulesOf = (obj: KubeObject): Rule[] =>
  Array.isArray(obj.rules) ? obj.rules.filter(isObject) : [];

/**
 * The escalation checks for a write of an RBAC object, as WriteOptions admission hooks; undefined
 * for other resources, without RBAC, or for members of system:masters.
 */
export function escalationAdmission(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): WriteAdmission | undefined {
  const rbac = ctx.deps.rbac;
  const user = ctx.user;
  if (!rbac || user.groups.includes(SUPERUSER_GROUP)) return undefined;
  if (rt.group !== RBAC_GROUP) return undefined;
  const namespace = rt.namespaced ? info.namespace : '';
  const gr = { group: RBAC_GROUP, resource: rt.plural };

  if (ROLE_KINDS.includes(rt.plural)) {
    const mayEscalate = () =>
      rbac.allowed(user, {
        isResource: true,
        verb: 'escalate',
        group: RBAC_GROUP,
        resource: rt.plural,
        namespace: namespace || undefined,
        name: info.name || undefined,
      });
    const check = (obj: KubeObject) => {
      if (mayEscalate()) return;
      const reason = escalationReason(rbac, user, namespace, rulesOf(obj));
      if (reason) throw forbidden(gr, obj.metadata?.name ?? '', reason);
    };
    return {
      beforeCreate: check,
      beforeUpdate: (obj, old) => {
        if (!onlyGcFields(obj, old)) check(obj);
      },
    };
  }

  if (BINDING_KINDS.includes(rt.plural)) {
    const check = (obj: KubeObject) => {
      const ref = isObject(obj.roleRef) ? obj.roleRef : {};
      const kind = ref.kind;
      let roleResource: string | undefined;
      if (kind === 'ClusterRole') roleResource = 'clusterroles';
      if (kind === 'Role') roleResource = 'roles';
      if (roleResource) {
        const bind: Attributes = {
          isResource: true,
          verb: 'bind',
          group: typeof ref.apiGroup === 'string' ? ref.apiGroup : '',
          resource: roleResource,
          namespace: namespace || undefined,
          name: typeof ref.name === 'string' ? ref.name : undefined,
        };
        if (rbac.allowed(user, bind)) return;
      } else {
        throw internalError(
          `unsupported role reference kind: ${JSON.stringify(kind ?? '')}`,
        );
      }
      const role = ctx.deps.core.store.get(
        `${roleResource}.${RBAC_GROUP}`,
        roleResource === 'roles' ? namespace : '',
        String(ref.name ?? ''),
      );
      if (!role)
        throw notFound(
          { group: RBAC_GROUP, resource: roleResource },
          String(ref.name ?? ''),
        );
      const reason = escalationReason(rbac, user, namespace, rulesOf(role.obj));
      if (reason) throw forbidden(gr, obj.metadata?.name ?? '', reason);
    };
    return {
      beforeCreate: check,
      beforeUpdate: (obj, old) => {
        if (!onlyGcFields(obj, old)) check(obj);
      },
    };
  }
  return undefined;
}

/**
 * A PATCH that creates the object (server-side apply of a missing object) is also authorized as
 * `create`, after validation, as the API server's patch handler does (withAuthorization); the
 * Forbidden message then carries the authorizer's reason, which RBAC leaves empty.
 */
export function createOnPatchAdmission(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): WriteAdmission['validateCreate'] {
  const rbac = ctx.deps.rbac;
  if (!rbac) return undefined;
  return () => {
    const attrs: Attributes = {
      isResource: true,
      verb: 'create',
      group: info.group,
      resource: info.resource,
      subresource: info.subresource || undefined,
      namespace: info.namespace || undefined,
      name: info.name || undefined,
    };
    if (!rbac.allowed(ctx.user, attrs))
      throw forbidden({ group: rt.group, resource: rt.plural }, info.name, '');
  };
}

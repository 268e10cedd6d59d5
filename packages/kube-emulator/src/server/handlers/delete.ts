import type { ResourceType } from '../../api/resourceType';
import { groupVersion, keyOf } from '../../api/resourceType';
import { Ctx, contentType, decodeBody, readBody, sendJson } from '../context';
import type { ResourceRequestInfo } from '../router';
import { deleteObject, DeleteOptions } from '../../core/delete';
import { isObject } from '../../util/json';
import { itemJson } from '../../store/serialize';
import { atVersion } from '../watch';
import { intParam, boolParam, writeOptions } from './params';
import { selectorFilter } from './read';
import { policyAdmission } from '../policyAdmission';

// Registries that answer a delete with the deleted object; the others answer with a Status.
const RETURNS_OBJECT = new Set([
  'pods',
  'services',
  'namespaces',
  'persistentvolumes',
  'persistentvolumeclaims',
  'nodes',
]);

async function deleteOptions(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<DeleteOptions> {
  const opts: DeleteOptions = { ...writeOptions(ctx, 'DeleteOptions') };
  const buf = await readBody(ctx.req, ctx.deps.maxBodyBytes);
  if (buf.length > 0 && buf.toString('utf8').trim()) {
    const b = decodeBody(buf, contentType(ctx.req));
    if (isObject(b)) {
      if (b.propagationPolicy !== undefined)
        opts.propagationPolicy = b.propagationPolicy;
      if (b.gracePeriodSeconds !== undefined)
        opts.gracePeriodSeconds = b.gracePeriodSeconds;
      if (b.orphanDependents !== undefined)
        opts.orphanDependents = b.orphanDependents;
      if (isObject(b.preconditions)) opts.preconditions = b.preconditions;
      if (Array.isArray(b.dryRun) && b.dryRun.includes('All'))
        opts.dryRun = true;
    }
  }
  const policy = ctx.query.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy;
  const grace = intParam(ctx, 'gracePeriodSeconds');
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const orphan = boolParam(ctx, 'orphanDependents');
  if (orphan !== undefined) opts.orphanDependents = orphan;
  opts.admission = policyAdmission(ctx, rt, info, !!opts.dryRun);
  return opts;
}

/** DELETE of one object: 200 when gone, 202 with the object while finalizers or a grace period hold it. */
export async function handleDelete(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const opts = await deleteOptions(ctx, rt, info);
  const ns = rt.namespaced ? info.namespace : '';
  const { deleted, object } = deleteObject(
    ctx.deps.core,
    rt,
    ns,
    info.name,
    opts,
  );
  const apiVersion = groupVersion(rt.group, info.version);
  if (!deleted) return sendJson(ctx.res, 202, atVersion(object, apiVersion));
  if (
    rt.custom ||
    (!rt.group && RETURNS_OBJECT.has(rt.plural)) ||
    rt.plural === 'customresourcedefinitions'
  ) {
    return sendJson(ctx.res, 200, atVersion(object, apiVersion));
  }
  const details: Record<string, unknown> = { name: info.name };
  if (rt.group) details.group = rt.group;
  details.kind = rt.plural;
  details.uid = object.obj.metadata.uid;
  return sendJson(ctx.res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details,
  });
}

/** DELETE of a collection: deletes every match and returns them as a list. */
export async function handleDeleteCollection(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const opts = await deleteOptions(ctx, rt, info);
  const { filter } = selectorFilter(ctx, rt);
  const core = ctx.deps.core;
  const ns = rt.namespaced ? info.namespace : '';
  const items: string[] = [];
  for (const so of core.store.list(keyOf(rt), ns || undefined)) {
    if (!filter(so) || so.obj.metadata.deletionTimestamp) continue;
    const { object } = deleteObject(
      core,
      rt,
      so.obj.metadata.namespace ?? '',
      so.obj.metadata.name!,
      opts,
    );
    items.push(itemJson(object, !!rt.custom));
  }
  const apiVersion = groupVersion(rt.group, info.version);
  sendJson(
    ctx.res,
    200,
    `{"kind":${JSON.stringify(rt.listKind)},"apiVersion":${JSON.stringify(
      apiVersion,
    )},"metadata":{"resourceVersion":"${core.store.currentRv()}"},"items":[${items.join(
      ',',
    )}]}`,
  );
}

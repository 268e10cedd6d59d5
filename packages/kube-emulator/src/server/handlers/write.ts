import type { ResourceType } from '../../api/resourceType';
import { groupVersion } from '../../api/resourceType';
import { Ctx, contentType, decodeBody, readBody, sendJson } from '../context';
import type { ResourceRequestInfo } from '../router';
import { decodeObject } from '../../core/objectChecks';
import { createObject } from '../../core/create';
import { updateObject } from '../../core/update';
import { PATCH_CONTENT_TYPES, patchObject } from '../../core/patch';
import { unsupportedMediaType } from '../errors';
import { atVersion } from '../watch';
import { boolParam, writeOptions } from './params';
import { createOnPatchAdmission, escalationAdmission } from '../escalation';
import { combineAdmission, policyAdmission } from '../policyAdmission';

/** Reads and decodes the request body (413 past the limit, 400 when malformed). */
export async function body(ctx: Ctx): Promise<unknown> {
  const buf = await readBody(ctx.req, ctx.deps.maxBodyBytes);
  return decodeBody(buf, contentType(ctx.req));
}

/** POST to a collection. */
export async function handleCreate(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const options = writeOptions(ctx, 'CreateOptions');
  const obj = decodeObject(
    rt,
    info.version,
    info.namespace || undefined,
    await body(ctx),
  );
  const requestName = obj.metadata?.name ?? '';
  const opts = {
    ...options,
    admission: combineAdmission(
      escalationAdmission(ctx, rt, info),
      policyAdmission(ctx, rt, info, !!options.dryRun, () => requestName),
    ),
  };
  const so = createObject(ctx.deps.core, rt, obj, opts);
  sendJson(ctx.res, 201, atVersion(so, groupVersion(rt.group, info.version)));
}

/** PUT of an object or its status. */
export async function handleUpdate(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const options = writeOptions(ctx, 'UpdateOptions');
  const opts = {
    ...options,
    admission: combineAdmission(
      escalationAdmission(ctx, rt, info),
      policyAdmission(ctx, rt, info, !!options.dryRun),
    ),
  };
  const obj = decodeObject(
    rt,
    info.version,
    info.namespace || undefined,
    await body(ctx),
  );
  const core = ctx.deps.core;
  const current = core.mustGet(rt, info.namespace, info.name);
  const so = updateObject(core, rt, current, obj, {
    ...opts,
    subresource: info.subresource === 'status' ? 'status' : undefined,
  });
  sendJson(ctx.res, 200, atVersion(so, groupVersion(rt.group, info.version)));
}

const ACCEPTED_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
  'application/strategic-merge-patch+json',
];

/** PATCH of an object or its status, with any of the four patch types. */
export async function handlePatch(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const type = contentType(ctx.req);
  const patchType = PATCH_CONTENT_TYPES[type];
  if (!patchType) throw unsupportedMediaType(type, ACCEPTED_PATCH_TYPES);
  const options = writeOptions(ctx, 'PatchOptions');
  const opts = {
    ...options,
    admission: combineAdmission(
      escalationAdmission(ctx, rt, info),
      { validateCreate: createOnPatchAdmission(ctx, rt, info) },
      policyAdmission(ctx, rt, info, !!options.dryRun),
    ),
  };
  const patch = await body(ctx);
  const { object, created } = patchObject(
    ctx.deps.core,
    rt,
    info.version,
    info.namespace,
    info.name,
    patchType,
    patch,
    {
      ...opts,
      force: boolParam(ctx, 'force'),
      subresource: info.subresource === 'status' ? 'status' : undefined,
    },
  );
  sendJson(
    ctx.res,
    created ? 201 : 200,
    atVersion(object, groupVersion(rt.group, info.version)),
  );
}

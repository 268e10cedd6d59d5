import type { Ctx } from './context';
import { sendJson } from './context';
import type { ResourceRequestInfo } from './router';
import { methodNotAllowed, resourceNotServed } from './errors';
import {
  apiGroupInfo,
  apiGroupList,
  apiResourceList,
  apiVersions,
  VERSION_INFO,
} from './discovery';
import { handleGet, handleList, handleWatch } from './handlers/read';
import { handleCreate, handlePatch, handleUpdate } from './handlers/write';
import { handleDelete, handleDeleteCollection } from './handlers/delete';
import {
  handleBinding,
  handleFinalize,
  handleScale,
  handleToken,
} from './handlers/subresources';
import { handleLog } from './handlers/logs';
import { handleReview } from './handlers/reviews';
import { serveOpenApiV2 } from './openapi';

/** Non-resource paths: discovery, version, health. */
export function serveNonResource(ctx: Ctx, path: string): void {
  const { registry } = ctx.deps.core;
  const clean = path.replace(/\/+$/, '') || '/';
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD')
    throw methodNotAllowed();
  if (clean === '/version') return sendJson(ctx.res, 200, VERSION_INFO);
  if (['/healthz', '/livez', '/readyz'].includes(clean)) {
    ctx.res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    ctx.res.end('ok');
    return undefined;
  }
  if (clean === '/openapi/v2') return serveOpenApiV2(ctx);
  if (clean === '/api')
    return sendJson(ctx.res, 200, apiVersions(ctx.deps.address()));
  if (clean === '/apis') return sendJson(ctx.res, 200, apiGroupList(registry));
  const seg = clean.split('/').filter(Boolean);
  if (seg[0] === 'api' && seg.length === 2) {
    const list = apiResourceList(registry, '', seg[1]);
    if (list) return sendJson(ctx.res, 200, list);
  }
  if (seg[0] === 'apis' && seg.length === 2) {
    const group = apiGroupInfo(registry, seg[1]);
    if (group) return sendJson(ctx.res, 200, group);
  }
  if (seg[0] === 'apis' && seg.length === 3) {
    const list = apiResourceList(registry, seg[1], seg[2]);
    if (list) return sendJson(ctx.res, 200, list);
  }
  throw resourceNotServed();
}

/** Routes a resource request to its handler by verb and subresource. */
export async function serveResource(
  ctx: Ctx,
  info: ResourceRequestInfo,
): Promise<void> {
  const rt = ctx.deps.core.registry.lookup(
    info.group,
    info.version,
    info.resource,
  );
  if (!rt) throw resourceNotServed();
  // A namespaced resource is only served cluster-wide for list/watch; a cluster-scoped one never in a namespace.
  if (
    rt.namespaced &&
    !info.namespace &&
    !['list', 'watch'].includes(info.verb)
  )
    throw resourceNotServed();
  if (!rt.namespaced && info.namespace && rt.plural !== 'namespaces')
    throw resourceNotServed();
  if (rt.createOnly) {
    if (info.verb !== 'create' || info.name) throw methodNotAllowed();
    return handleReview(ctx, rt, info);
  }
  const sub = info.subresource;
  const subs = rt.subresources;
  // Writes to a single object need its name; on a collection they are not allowed.
  if (!info.name && ['update', 'patch'].includes(info.verb))
    throw methodNotAllowed();
  if (!sub) {
    switch (info.verb) {
      case 'get':
        return handleGet(ctx, rt, info);
      case 'list':
        return handleList(ctx, rt, info);
      case 'watch':
        return handleWatch(ctx, rt, info);
      case 'create':
        if (info.name) throw methodNotAllowed();
        return handleCreate(ctx, rt, info);
      case 'update':
        return handleUpdate(ctx, rt, info);
      case 'patch':
        return handlePatch(ctx, rt, info);
      case 'delete':
        return handleDelete(ctx, rt, info);
      case 'deletecollection':
        return handleDeleteCollection(ctx, rt, info);
      default:
        throw methodNotAllowed();
    }
  }
  if (sub === 'status' && subs.status) {
    if (info.verb === 'get') return handleGet(ctx, rt, info);
    if (info.verb === 'update') return handleUpdate(ctx, rt, info);
    if (info.verb === 'patch') return handlePatch(ctx, rt, info);
    throw methodNotAllowed();
  }
  if (sub === 'scale' && subs.scale) {
    if (['get', 'update', 'patch'].includes(info.verb))
      return handleScale(ctx, rt, info);
    throw methodNotAllowed();
  }
  if (sub === 'log' && subs.log) {
    if (info.verb === 'get') return handleLog(ctx, rt, info);
    throw methodNotAllowed();
  }
  if (sub === 'binding' && subs.binding && info.verb === 'create')
    return handleBinding(ctx, rt, info);
  if (sub === 'token' && subs.token && info.verb === 'create')
    return handleToken(ctx, rt, info);
  if (sub === 'finalize' && subs.finalize && info.verb === 'update')
    return handleFinalize(ctx, rt, info);
  throw resourceNotServed();
}

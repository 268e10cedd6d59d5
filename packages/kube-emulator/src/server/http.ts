import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerDeps, Ctx } from './context';
import {
  readBody,
  sendError,
  sendJson,
  decodeBody,
  contentType,
} from './context';
import { parseRequestInfo } from './router';
import {
  ApiError,
  forbidden,
  resourceNotServed,
  unauthorized,
  methodNotAllowed,
  badRequest,
} from './errors';
import { forbiddenReason } from './rbac';
import { serveNonResource, serveResource } from './dispatch';
import { isObject } from '../util/json';
import type { FaultRule } from './faults';

const ADMIN_PREFIX = '/_emulator/';

/** The admin-only emulator endpoints: fault injection and log feeding. */
async function serveAdmin(ctx: Ctx, path: string): Promise<void> {
  const token = /^Bearer\s+(\S+)/i.exec(
    String(ctx.req.headers.authorization ?? ''),
  )?.[1];
  if (!token || !ctx.deps.adminTokens.has(token)) throw unauthorized();
  const seg = path
    .slice(ADMIN_PREFIX.length)
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const method = ctx.req.method;
  const faults = ctx.deps.faults;
  if (seg[0] === 'faults') {
    if (seg.length === 1 && method === 'GET')
      return sendJson(ctx.res, 200, { items: faults.list() });
    if (seg.length === 1 && method === 'POST') {
      const rule = decodeBody(
        await readBody(ctx.req, ctx.deps.maxBodyBytes),
        contentType(ctx.req),
      );
      if (!isObject(rule)) throw badRequest('a fault rule must be an object');
      return sendJson(ctx.res, 201, faults.add(rule as FaultRule));
    }
    if (seg.length === 1 && method === 'DELETE') {
      faults.clear();
      return sendJson(ctx.res, 200, { items: [] });
    }
    if (seg.length === 2 && method === 'DELETE') {
      if (!faults.remove(seg[1])) throw resourceNotServed();
      return sendJson(ctx.res, 200, { items: faults.list() });
    }
    throw methodNotAllowed();
  }
  if (seg[0] === 'logs' && seg.length === 4 && method === 'POST') {
    const text = (await readBody(ctx.req, ctx.deps.maxBodyBytes)).toString(
      'utf8',
    );
    ctx.deps.logs.append(seg[1], seg[2], seg[3], text);
    ctx.res.writeHead(204).end();
    return undefined;
  }
  throw resourceNotServed();
}

async function handle(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const info = parseRequestInfo(method, path, url.searchParams);
  const ctx: Ctx = {
    req,
    res,
    url,
    query: url.searchParams,
    user: { username: '', groups: [] },
    info,
    deps,
  };
  if (path.startsWith(ADMIN_PREFIX)) return serveAdmin(ctx, path);
  ctx.user = deps.auth.authenticate(req.headers.authorization);
  const injected = await deps.faults.apply(info);
  ctx.cutWatchAfterEvents = injected.cutWatchAfterEvents;
  if (deps.rbac) {
    const attrs = info.isResource
      ? {
          isResource: true,
          verb: info.verb,
          group: info.group,
          resource: info.resource,
          subresource: info.subresource || undefined,
          namespace: info.namespace || undefined,
          name: info.name || undefined,
        }
      : { isResource: false, verb: info.verb, path };
    if (!deps.rbac.allowed(ctx.user, attrs)) {
      const reason = forbiddenReason(ctx.user, attrs);
      if (!info.isResource)
        throw new ApiError(403, 'Forbidden', `forbidden: ${reason}`, {});
      throw forbidden(
        { group: info.group, resource: info.resource },
        info.name,
        reason,
      );
    }
  }
  if (!info.isResource) return serveNonResource(ctx, path);
  return serveResource(ctx, info);
}

/** The request listener: every failure becomes a Status response; nothing a client sends can crash it. */
export function requestListener(
  deps: ServerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch(err => {
      try {
        if (err instanceof ApiError && err.code === 413)
          res.setHeader('Connection', 'close');
        sendError(res, err);
      } catch {
        res.destroy();
      }
    });
  };
}

import type { ResourceType } from '../../api/resourceType';
import { groupVersion, keyOf } from '../../api/resourceType';
import type { StoredObject } from '../../store/Store';
import { itemJson } from '../../store/serialize';
import { Ctx, sendJson, sendJsonStream } from '../context';
import type { ResourceRequestInfo } from '../router';
import { matchesLabels, parseLabelSelector } from '../selectors';
import { matchesFields, parseFieldSelector } from '../fieldSelectors';
import { atVersion } from '../watch';
import { intParam } from './params';
import { renderTable, wantsTable } from '../table';

/** Builds the list/watch filter from labelSelector and fieldSelector (400 on bad input). */
export function selectorFilter(
  ctx: Ctx,
  rt: ResourceType,
): { filter: (so: StoredObject) => boolean; filtered: boolean } {
  const labels = parseLabelSelector(
    ctx.query.get('labelSelector') ?? undefined,
  );
  const fields = parseFieldSelector(
    ctx.query.get('fieldSelector') ?? undefined,
    rt,
  );
  const name = (ctx.info as ResourceRequestInfo).name;
  if (name)
    fields.push({
      field: 'metadata.name',
      path: ['metadata', 'name'],
      value: name,
      negate: false,
    });
  if (labels.length === 0 && fields.length === 0)
    return { filter: () => true, filtered: false };
  return {
    filter: so =>
      matchesLabels(labels, so.obj.metadata.labels) &&
      matchesFields(fields, so.obj),
    filtered: true,
  };
}

/** GET of one object. */
export function handleGet(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): void {
  const so = ctx.deps.core.mustGet(rt, info.namespace, info.name);
  const apiVersion = groupVersion(rt.group, info.version);
  if (wantsTable(ctx.req)) {
    sendJson(
      ctx.res,
      200,
      renderTable(rt, [so], String(so.rv), ctx.query.get('includeObject')),
    );
    return;
  }
  sendJson(ctx.res, 200, atVersion(so, apiVersion));
}

/** LIST, optionally paged; the body is assembled from cached object JSON. */
export function handleList(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): void {
  const { filter, filtered } = selectorFilter(ctx, rt);
  const limit = intParam(ctx, 'limit') ?? 0;
  const page = ctx.deps.pager.page(
    keyOf(rt),
    rt.namespaced ? info.namespace : '',
    filter,
    limit,
    ctx.query.get('continue') || undefined,
    filtered,
  );
  const apiVersion = groupVersion(rt.group, info.version);
  if (wantsTable(ctx.req)) {
    const table = renderTable(
      rt,
      page.items,
      String(page.resourceVersion),
      ctx.query.get('includeObject'),
    ) as any;
    if (page.continueToken) table.metadata.continue = page.continueToken;
    if (page.remainingItemCount !== undefined)
      table.metadata.remainingItemCount = page.remainingItemCount;
    sendJson(ctx.res, 200, table);
    return;
  }
  let meta = `"resourceVersion":"${page.resourceVersion}"`;
  if (page.continueToken)
    meta += `,"continue":${JSON.stringify(page.continueToken)}`;
  if (page.remainingItemCount !== undefined)
    meta += `,"remainingItemCount":${page.remainingItemCount}`;
  const keep = !!rt.custom;
  const head = `{"kind":${JSON.stringify(
    rt.listKind,
  )},"apiVersion":${JSON.stringify(apiVersion)},"metadata":{${meta}},"items":[`;
  const json = (so: StoredObject) =>
    keep ? atVersion(so, apiVersion) : itemJson(so, false);
  sendJsonStream(ctx.res, head, page.items, json, ']}');
}

/** WATCH (`?watch=1` or the legacy /watch/ path). */
export function handleWatch(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): void {
  const { filter } = selectorFilter(ctx, rt);
  const timeout = intParam(ctx, 'timeoutSeconds');
  ctx.deps.watches.start(ctx.res, {
    rt,
    apiVersion: groupVersion(rt.group, info.version),
    namespace: rt.namespaced ? info.namespace : '',
    matches: filter,
    resourceVersion: ctx.query.get('resourceVersion') ?? undefined,
    allowBookmarks: ['1', 'true'].includes(
      ctx.query.get('allowWatchBookmarks') ?? '',
    ),
    sendInitialEvents: ctx.query.get('sendInitialEvents') === 'true',
    timeoutSeconds: timeout,
    cutAfterEvents: ctx.cutWatchAfterEvents,
    render: wantsTable(ctx.req)
      ? so =>
          JSON.stringify(
            renderTable(
              rt,
              [so],
              String(so.rv),
              ctx.query.get('includeObject'),
            ),
          )
      : undefined,
  });
}

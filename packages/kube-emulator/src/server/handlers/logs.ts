import type { ResourceType } from '../../api/resourceType';
import { keyOf } from '../../api/resourceType';
import { Ctx } from '../context';
import type { ResourceRequestInfo } from '../router';
import { badRequest } from '../errors';
import { formatLine, LogStore } from '../logs';
import { boolParam, intParam } from './params';

/**
 * GET pods/<name>/log with container, follow, tailLines, timestamps, limitBytes and sinceSeconds.
 * A followed log streams until the pod finishes or is deleted, or the client goes away.
 */
export function handleLog(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): void {
  const core = ctx.deps.core;
  const pod = core.mustGet(rt, info.namespace, info.name).obj;
  const containers: string[] = [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
  ].map((c: any) => c.name);
  const main: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
  let container = ctx.query.get('container') || '';
  if (!container) {
    if (main.length !== 1) {
      throw badRequest(
        `a container name must be specified for pod ${
          info.name
        }, choose one of: [${main.join(' ')}]`,
      );
    }
    container = main[0];
  } else if (!containers.includes(container)) {
    throw badRequest(
      `container ${container} is not valid for pod ${info.name}`,
    );
  }
  const logs = ctx.deps.logs;
  if (
    pod.status?.phase === 'Pending' &&
    !logs.has(info.namespace, info.name, container)
  ) {
    throw badRequest(
      `container "${container}" in pod "${info.name}" is waiting to start: ContainerCreating`,
    );
  }
  const follow = boolParam(ctx, 'follow') ?? false;
  const timestamps = boolParam(ctx, 'timestamps') ?? false;
  const tail = intParam(ctx, 'tailLines');
  const since = intParam(ctx, 'sinceSeconds');
  let budget = intParam(ctx, 'limitBytes') ?? Infinity;

  let lines = logs.lines(info.namespace, info.name, container);
  if (since !== undefined)
    lines = lines.filter(l => l.time.getTime() >= Date.now() - since * 1000);
  if (tail !== undefined && tail >= 0)
    lines = tail === 0 ? [] : lines.slice(-tail);

  const res = ctx.res;
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  const write = (text: string): boolean => {
    if (budget <= 0) return false;
    const buf = Buffer.from(text, 'utf8');
    const out = buf.length > budget ? buf.subarray(0, budget) : buf;
    budget -= out.length;
    res.write(out);
    return budget > 0;
  };
  let open = true;
  for (const l of lines) if (!write(formatLine(l, timestamps))) open = false;
  const finished = ['Succeeded', 'Failed'].includes(pod.status?.phase);
  if (!follow || !open || finished) {
    res.end();
    return;
  }
  res.flushHeaders();
  const key = LogStore.key(info.namespace, info.name, container);
  const typeKey = keyOf(rt);
  const uid = pod.metadata.uid;
  const onLines = (added: Array<{ time: Date; text: string }>) => {
    for (const l of added) if (!write(formatLine(l, timestamps))) return stop();
    return undefined;
  };
  // The stream ends when the pod reaches a terminal phase or is deleted (or replaced).
  const unsubscribe = core.store.subscribe(ev => {
    if (ev.typeKey !== typeKey) return;
    const m = ev.object.obj.metadata;
    if (m.name !== info.name || m.namespace !== info.namespace || m.uid !== uid)
      return;
    const phase = ev.object.obj.status?.phase;
    if (ev.type === 'DELETED' || phase === 'Succeeded' || phase === 'Failed')
      setImmediate(stop);
  });
  function stop(): void {
    logs.events.off(key, onLines);
    unsubscribe();
    if (!res.writableEnded) res.end();
  }
  logs.events.on(key, onLines);
  res.on('close', stop);
}

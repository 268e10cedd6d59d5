import type { ResourceType } from '../../api/resourceType';
import { keyOf } from '../../api/resourceType';
import type { KubeObject } from '../../types';
import { Ctx, sendJson } from '../context';
import type { ResourceRequestInfo } from '../router';
import {
  badRequest,
  conflict,
  invalid,
  invalidValue,
  methodNotAllowed,
} from '../errors';
import { clone, ensurePath, getPath, goValue, isObject } from '../../util/json';
import { updateObject } from '../../core/update';
import { applyMergePatch } from '../../patch/mergePatch';
import { applyJsonPatch } from '../../patch/jsonPatch';
import { applyStrategicMergePatch } from '../../patch/strategicMerge';
import { formatRequirements, labelSelectorRequirements } from '../selectors';
import { rfc3339 } from '../../util/time';
import { randomToken } from '../../util/ids';
import { contentType } from '../context';
import { body } from './write';
import { writeOptions } from './params';

/** The autoscaling/v1 Scale view of an object with a scale subresource. */
function toScale(rt: ResourceType, obj: KubeObject): KubeObject {
  const sub = rt.subresources.scale!;
  const selectorPath = sub.labelSelectorPath?.length
    ? sub.labelSelectorPath
    : ['spec', 'selector'];
  const selector = getPath(obj, selectorPath);
  const reqs = isObject(selector)
    ? labelSelectorRequirements(selector)
    : undefined;
  const status: Record<string, unknown> = {
    replicas: getPath(obj, sub.statusReplicasPath) ?? 0,
  };
  let rendered = typeof selector === 'string' ? selector : '';
  if (!rendered && reqs) rendered = formatRequirements(reqs);
  if (rendered) status.selector = rendered;
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: getPath(obj, sub.specReplicasPath) ?? 0 },
    status,
  };
}

/** GET/PUT/PATCH of `<resource>/scale`. */
export async function handleScale(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const core = ctx.deps.core;
  const current = core.mustGet(rt, info.namespace, info.name);
  if (info.verb === 'get') {
    sendJson(ctx.res, 200, toScale(rt, current.obj));
    return;
  }
  const opts = writeOptions(
    ctx,
    info.verb === 'patch' ? 'PatchOptions' : 'UpdateOptions',
  );
  const input = await body(ctx);
  let scale: any;
  if (info.verb === 'update') scale = input;
  else if (info.verb === 'patch') {
    const type = contentType(ctx.req);
    const base = toScale(rt, current.obj);
    if (type === 'application/json-patch+json')
      scale = applyJsonPatch(base, input);
    else if (type === 'application/strategic-merge-patch+json')
      scale = applyStrategicMergePatch(base, input);
    else scale = applyMergePatch(base, input);
  } else throw methodNotAllowed();
  const replicas = scale?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid('autoscaling', 'Scale', info.name, [
      invalidValue(
        'spec.replicas',
        goValue(replicas),
        'must be greater than or equal to 0',
      ),
    ]);
  }
  const rv = scale?.metadata?.resourceVersion;
  if (info.verb === 'update' && rv && rv !== String(current.rv))
    throw conflict(core.gr(rt), info.name);
  const next = clone(current.obj);
  ensurePath(next, rt.subresources.scale!.specReplicasPath.slice(0, -1))[
    rt.subresources.scale!.specReplicasPath.slice(-1)[0]
  ] = replicas;
  const so = updateObject(core, rt, current, next, { ...opts, isPatch: true });
  sendJson(ctx.res, 200, toScale(rt, so.obj));
}

/** POST pods/<name>/binding: assigns the pod to a node (the scheduler's way to set spec.nodeName). */
export async function handleBinding(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const core = ctx.deps.core;
  const binding: any = await body(ctx);
  const node = binding?.target?.name;
  if (!node)
    throw invalid('', 'Binding', info.name, [
      invalidValue('target.name', '""', 'must be specified'),
    ]);
  const current = core.mustGet(rt, info.namespace, info.name);
  const assigned = current.obj.spec?.nodeName;
  if (assigned) {
    throw conflict(
      { group: '', resource: 'pods/binding' },
      info.name,
      `pod ${info.name} is already assigned to node "${assigned}"`,
    );
  }
  const obj = clone(current.obj);
  obj.spec.nodeName = node;
  const conditions = (obj.status.conditions ?? []).filter(
    (c: any) => c.type !== 'PodScheduled',
  );
  conditions.push({
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(),
  });
  obj.status.conditions = conditions;
  // Binding bypasses pod spec immutability, as the binding registry writes storage directly.
  core.store.update(keyOf(rt), obj);
  sendJson(ctx.res, 201, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    code: 201,
  });
}

/** POST serviceaccounts/<name>/token: a TokenRequest that authenticates as the ServiceAccount. */
export async function handleToken(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const core = ctx.deps.core;
  const request: any = (await body(ctx)) ?? {};
  core.mustGet(rt, info.namespace, info.name); // 404 for a missing ServiceAccount
  const seconds = Number(request?.spec?.expirationSeconds ?? 3600);
  if (seconds < 600) {
    throw invalid('authentication.k8s.io', 'TokenRequest', info.name, [
      invalidValue(
        'spec.expirationSeconds',
        String(seconds),
        'may not specify a duration less than 10 minutes',
      ),
    ]);
  }
  const token = randomToken();
  ctx.deps.auth.add(token, {
    username: `system:serviceaccount:${info.namespace}:${info.name}`,
  });
  sendJson(ctx.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: {
      name: info.name,
      namespace: info.namespace,
      creationTimestamp: null,
    },
    spec: {
      audiences: request?.spec?.audiences ?? ['https://kubernetes.default.svc'],
      expirationSeconds: seconds,
      boundObjectRef: request?.spec?.boundObjectRef ?? null,
    },
    status: {
      token,
      expirationTimestamp: rfc3339(new Date(Date.now() + seconds * 1000)),
    },
  });
}

/** PUT namespaces/<name>/finalize: sets spec.finalizers only. */
export async function handleFinalize(
  ctx: Ctx,
  rt: ResourceType,
  info: ResourceRequestInfo,
): Promise<void> {
  const core = ctx.deps.core;
  const input: any = await body(ctx);
  if (!isObject(input))
    throw badRequest('the body of the request was not a Namespace');
  const current = core.mustGet(rt, '', info.name);
  const next = clone(current.obj);
  next.spec = {
    ...(next.spec ?? {}),
    finalizers: Array.isArray(input.spec?.finalizers)
      ? input.spec.finalizers
      : [],
  };
  const so = updateObject(core, rt, current, next, {
    ...writeOptions(ctx, 'UpdateOptions'),
    isPatch: true,
  });
  const after = core.find(rt, '', info.name);
  if (
    after &&
    after.obj.metadata.deletionTimestamp &&
    !after.obj.spec?.finalizers?.length &&
    !after.obj.metadata.finalizers?.length
  ) {
    core.store.delete(keyOf(rt), '', info.name);
  }
  sendJson(ctx.res, 200, so.json);
}

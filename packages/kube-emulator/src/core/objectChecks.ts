import type { ResourceType } from '../api/resourceType';
import { groupVersion } from '../api/resourceType';
import type { KubeObject } from '../types';
import {
  badRequest,
  FieldError,
  forbidden,
  invalid,
  notFound,
} from '../server/errors';
import { deepEqual, isObject } from '../util/json';
import {
  validateLabelsAndAnnotations,
  validateObjectName,
} from '../api/validation/names';
import type { Core } from './Core';

const META_STRINGS = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
];
const META_MAPS = ['labels', 'annotations'];

/** Rejects metadata of the wrong JSON types with the decoder's 400, as typed decoding would. */
export function checkMetadataTypes(meta: Record<string, unknown>): void {
  const fail = (field: string, got: unknown, type: string) => {
    let kind: string = typeof got;
    if (Array.isArray(got)) kind = 'array';
    else if (got === null) kind = 'null';
    throw badRequest(
      `json: cannot unmarshal ${kind} into Go struct field ObjectMeta.metadata.${field} of type ${type}`,
    );
  };
  for (const f of META_STRINGS)
    if (
      meta[f] !== undefined &&
      meta[f] !== null &&
      typeof meta[f] !== 'string'
    )
      fail(f, meta[f], 'string');
  for (const f of META_MAPS) {
    const v = meta[f];
    if (v === undefined || v === null) continue;
    if (!isObject(v)) fail(f, v, 'map[string]string');
    for (const x of Object.values(v as object))
      if (typeof x !== 'string') fail(f, x, 'string');
  }
  for (const f of ['finalizers', 'ownerReferences']) {
    const v = meta[f];
    if (v !== undefined && v !== null && !Array.isArray(v))
      fail(f, v, f === 'finalizers' ? '[]string' : '[]v1.OwnerReference');
  }
  if (
    Array.isArray(meta.finalizers) &&
    meta.finalizers.some(x => typeof x !== 'string')
  )
    fail('finalizers', 0, 'string');
}

/**
 * Turns a decoded request body into an object of the endpoint's kind: type meta defaulted
 * from the endpoint, namespace taken from the URL (a different one is a 400, as in the real server).
 */
export function decodeObject(
  rt: ResourceType,
  version: string,
  ns: string | undefined,
  body: unknown,
): KubeObject {
  if (!isObject(body))
    throw badRequest(
      `the body of the request was not an object of type ${rt.kind}`,
    );
  const obj = body as KubeObject;
  const expected = groupVersion(rt.group, version);
  if (obj.kind !== undefined && obj.kind !== rt.kind) {
    throw badRequest(
      `${obj.kind} in version "${version}" cannot be handled as a ${rt.kind}: the kind of the object does not match the request`,
    );
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  obj.apiVersion = expected;
  obj.kind = rt.kind;
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (!isObject(obj.metadata))
    throw badRequest(
      `json: cannot unmarshal ${typeof obj.metadata} into Go struct field ${
        rt.kind
      }.metadata of type v1.ObjectMeta`,
    );
  checkMetadataTypes(obj.metadata);
  if (rt.namespaced) {
    if (obj.metadata.namespace && ns && obj.metadata.namespace !== ns) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    if (ns) obj.metadata.namespace = ns;
  } else {
    delete obj.metadata.namespace;
  }
  return obj;
}

/** Runs name, label and kind validation; throws 422 Invalid listing every problem. */
export function validateObject(
  rt: ResourceType,
  obj: KubeObject,
  old?: KubeObject,
): void {
  const errs: FieldError[] = [
    ...validateObjectName(rt.nameRule, obj.metadata, rt.namespaced),
    ...validateLabelsAndAnnotations(obj.metadata),
    ...(rt.strategy.validate?.(obj) ?? []),
    ...(old ? rt.strategy.validateUpdate?.(obj, old) ?? [] : []),
  ];
  if (errs.length)
    throw invalid(rt.group, rt.kind, obj.metadata.name ?? '', errs);
}

/** The NamespaceLifecycle admission check for creating in a namespace. */
export function admitNamespace(
  core: Core,
  rt: ResourceType,
  ns: string,
  name: string,
): void {
  if (!rt.namespaced) return;
  const namespace = core.namespace(ns);
  if (!namespace) throw notFound({ group: '', resource: 'namespaces' }, ns);
  if (
    namespace.metadata.deletionTimestamp ||
    namespace.status?.phase === 'Terminating'
  ) {
    throw forbidden(
      { group: rt.group, resource: rt.plural },
      name,
      `unable to create new content in namespace ${ns} because it is being terminated`,
      [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${ns} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    );
  }
}

/** Whether two versions differ outside metadata (and status when it has its own subresource). */
export function specChanged(
  rt: ResourceType,
  a: KubeObject,
  b: KubeObject,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'metadata' || k === 'apiVersion' || k === 'kind') continue;
    if (k === 'status' && rt.subresources.status) continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

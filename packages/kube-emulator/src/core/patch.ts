import type { ResourceType } from '../api/resourceType';
import type { KubeObject } from '../types';
import type { StoredObject } from '../store/Store';
import {
  ApiError,
  badRequest,
  FieldError,
  forbiddenField,
  invalid,
  notFound,
  required,
  unsupportedMediaType,
} from '../server/errors';
import { clone, isObject } from '../util/json';
import { applyMergePatch } from '../patch/mergePatch';
import { applyJsonPatch, JsonPatchError } from '../patch/jsonPatch';
import {
  applyStrategicMergePatch,
  StrategicPatchError,
} from '../patch/strategicMerge';
import { decodeManagedFields } from '../fieldmanager/managedFields';
import { serverSideApply } from '../fieldmanager/apply';
import { Core, WriteOptions } from './Core';
import { createObject } from './create';
import { scopeOf, updateObject } from './update';
import { checkMetadataTypes, decodeObject } from './objectChecks';

/** The four PATCH content types. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** Options of a patch. */
export interface PatchOptions extends WriteOptions {
  subresource?: 'status';
  force?: boolean;
}

function patchOptionsInvalid(errs: FieldError[]): ApiError {
  return invalid('meta.k8s.io', 'PatchOptions', '', errs);
}

/** Applies a non-apply patch document to an object. */
function applyPatchDocument(
  rt: ResourceType,
  type: PatchType,
  obj: KubeObject,
  patch: unknown,
): KubeObject {
  try {
    switch (type) {
      case 'json':
        return applyJsonPatch(obj, patch) as KubeObject;
      case 'merge':
        return applyMergePatch(obj, patch) as KubeObject;
      default:
        return applyStrategicMergePatch(obj, patch) as KubeObject;
    }
  } catch (e) {
    if (e instanceof JsonPatchError || e instanceof StrategicPatchError) {
      throw new ApiError(422, 'Invalid', e.message, {
        name: obj.metadata.name,
        group: rt.group || undefined,
        kind: rt.kind,
      });
    }
    throw e;
  }
}

/**
 * PATCH with any of the four content types. Server-side apply creates the object when it is
 * missing; the other patch types need an existing object (404).
 */
export function patchObject(
  core: Core,
  rt: ResourceType,
  version: string,
  ns: string,
  name: string,
  type: PatchType,
  patch: unknown,
  opts: PatchOptions,
): { object: StoredObject; created: boolean } {
  if (type !== 'apply' && opts.force !== undefined) {
    throw patchOptionsInvalid([
      forbiddenField('force', 'may not be specified for non-apply patch'),
    ]);
  }
  if (type === 'strategic' && rt.custom) {
    throw unsupportedMediaType('application/strategic-merge-patch+json', [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/apply-patch+yaml',
    ]);
  }
  if (type === 'apply') return apply(core, rt, version, ns, name, patch, opts);

  const current = core.mustGet(rt, ns, name);
  const patched = applyPatchDocument(rt, type, clone(current.obj), patch);
  if (!isObject(patched))
    throw badRequest('the patch did not produce an object');
  if (!isObject(patched.metadata)) patched.metadata = {};
  checkMetadataTypes(patched.metadata);
  return {
    object: updateObject(core, rt, current, patched, {
      ...opts,
      isPatch: true,
    }),
    created: false,
  };
}

function apply(
  core: Core,
  rt: ResourceType,
  version: string,
  ns: string,
  name: string,
  body: unknown,
  opts: PatchOptions,
): { object: StoredObject; created: boolean } {
  if (!opts.fieldManager)
    throw patchOptionsInvalid([
      required('fieldManager', 'is required for apply patch'),
    ]);
  if (!isObject(body))
    throw badRequest('the applied configuration must be an object');
  if (!body.kind)
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  if (!body.apiVersion)
    throw badRequest(
      `Object 'apiVersion' is missing in '${JSON.stringify(body)}'`,
    );
  const applied = decodeObject(rt, version, ns || undefined, body);
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  applied.metadata.name = name;
  const writer = {
    manager: opts.fieldManager,
    apiVersion: applied.apiVersion!,
    subresource: opts.subresource,
    custom: !!rt.custom,
    scope: scopeOf(rt, opts.subresource),
  };
  const current = core.find(rt, ns, name);
  if (!current) {
    if (opts.subresource) throw notFound(core.gr(rt), name);
    const base: KubeObject = {
      apiVersion: applied.apiVersion,
      kind: rt.kind,
      metadata: { name },
    };
    if (rt.namespaced) base.metadata.namespace = ns;
    const { object, sets } = serverSideApply(
      base,
      applied,
      [],
      writer,
      !!opts.force,
    );
    return {
      object: createObject(core, rt, object as KubeObject, { ...opts, sets }),
      created: true,
    };
  }
  const live = clone(current.obj);
  const { object, sets } = serverSideApply(
    live,
    applied,
    decodeManagedFields(live.metadata.managedFields),
    writer,
    !!opts.force,
  );
  return {
    object: updateObject(core, rt, current, object as KubeObject, {
      ...opts,
      isPatch: true,
      sets,
    }),
    created: false,
  };
}

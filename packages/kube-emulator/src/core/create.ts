import { keyOf, ResourceType } from '../api/resourceType';
import type { KubeObject } from '../types';
import type { StoredObject } from '../store/Store';
import { alreadyExists, badRequest } from '../server/errors';
import { newUid, randomSuffix } from '../util/ids';
import { rfc3339 } from '../util/time';
import { normalize } from '../store/serialize';
import {
  encodeManagedFields,
  ManagerSet,
  recordUpdate,
} from '../fieldmanager/managedFields';
import { Core, managerName, WriteOptions } from './Core';
import { admitNamespace, validateObject } from './objectChecks';
import { scopeOf } from './update';

/** Options of a create; `sets` carries server-side apply's ownership. */
export interface CreateOptions extends WriteOptions {
  sets?: ManagerSet[];
}

/**
 * Creates an object with the generic registry's semantics: generateName, uid, timestamps,
 * generation, status reset, defaulting, validation (422), AlreadyExists (409), managedFields.
 * `obj` must already be decoded for the endpoint (see decodeObject) and is owned by this call.
 */
export function createObject(
  core: Core,
  rt: ResourceType,
  obj: KubeObject,
  opts: CreateOptions = {},
): StoredObject {
  const meta = obj.metadata;
  if (meta.resourceVersion)
    throw badRequest(
      'resourceVersion should not be set on objects to be created',
    );
  admitNamespace(core, rt, meta.namespace ?? '', meta.name ?? '');
  opts.admission?.beforeCreate?.(obj);
  if (!meta.name && meta.generateName)
    meta.name = `${meta.generateName}${randomSuffix()}`;
  meta.uid = newUid();
  meta.creationTimestamp = rfc3339();
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (rt.generation) meta.generation = 1;
  else delete meta.generation;
  // Defaulting happens while decoding, before the registry resets status and prepares the object.
  rt.strategy.defaults?.(obj);
  if (rt.subresources.status) delete obj.status;
  rt.strategy.prepareCreate?.(obj, core.strategyContext);
  validateObject(rt, obj);
  opts.admission?.validateCreate?.(obj);
  if (core.find(rt, meta.namespace ?? '', meta.name!))
    throw alreadyExists(core.gr(rt), meta.name!);

  const sets =
    opts.sets ??
    recordUpdate(undefined, obj, [], {
      manager: managerName(opts),
      apiVersion: obj.apiVersion!,
      custom: !!rt.custom,
      scope: scopeOf(rt),
    });
  delete meta.managedFields;
  const managed = encodeManagedFields(sets);
  if (managed) meta.managedFields = managed;

  if (opts.dryRun) {
    const n = normalize(obj);
    return { obj: n, json: JSON.stringify(n), rv: 0 };
  }
  return core.store.create(keyOf(rt), obj);
}

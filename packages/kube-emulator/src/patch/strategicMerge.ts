import { clone, isObject, JsonObject } from '../util/json';
import { listSemantics } from '../api/listTypes';

/** A malformed strategic merge patch. */
export class StrategicPatchError extends Error {}

const ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

// Primitive lists whose patch strategy is "merge" (union) rather than replace.
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .filter(v => !(isObject(v) && v.$patch === 'delete'))
      .map(stripDirectives);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    if (v !== null) out[k] = stripDirectives(v);
  }
  return out;
}

function mergeList(
  orig: unknown[],
  patch: unknown[],
  names: string[],
): unknown[] {
  const sem = listSemantics(names, false);
  if (patch.some(p => isObject(p) && p.$patch === 'replace')) {
    return patch
      .filter(p => !(isObject(p) && p.$patch === 'replace'))
      .map(stripDirectives);
  }
  if (sem.type !== 'map') {
    if (MERGED_PRIMITIVE_LISTS.has(names[names.length - 1])) {
      const out = [...orig];
      for (const v of patch) if (!out.includes(v)) out.push(v);
      return out;
    }
    return patch.map(stripDirectives);
  }
  const key = sem.mergeKey;
  const out = [...orig];
  for (const item of patch) {
    if (!isObject(item))
      throw new StrategicPatchError(
        `merging an object in json but data type is not map, found ${JSON.stringify(
          item,
        )}`,
      );
    if (item[key] === undefined)
      throw new StrategicPatchError(
        `map: ${JSON.stringify(
          item,
        )} does not contain declared merge key: ${key}`,
      );
    const i = out.findIndex(x => isObject(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = patchObject(out[i] as JsonObject, item, names);
    else out.push(stripDirectives(item));
  }
  return out;
}

function orderBy(
  list: unknown[],
  order: unknown[],
  names: string[],
): unknown[] {
  const sem = listSemantics(names, false);
  const id = (v: unknown) =>
    JSON.stringify(sem.type === 'map' && isObject(v) ? v[sem.mergeKey] : v);
  const rank = new Map(order.map((v, i) => [id(v), i]));
  const known = list
    .filter(v => rank.has(id(v)))
    .sort((a, b) => rank.get(id(a))! - rank.get(id(b))!);
  return [...known, ...list.filter(v => !rank.has(id(v)))];
}

function patchObject(
  orig: JsonObject,
  patch: JsonObject,
  names: string[],
): JsonObject {
  if (patch.$patch === 'replace') return stripDirectives(patch) as JsonObject;
  let out: JsonObject = { ...orig };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(ORDER)) continue;
    if (k.startsWith(DELETE_PRIMITIVE)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      if (Array.isArray(out[field]) && Array.isArray(v))
        out[field] = out[field].filter((x: unknown) => !v.includes(x));
      continue;
    }
    const path = [...names, k];
    if (v === null) delete out[k];
    else if (isObject(v) && v.$patch === 'delete') delete out[k];
    else if (isObject(v))
      out[k] = patchObject(isObject(out[k]) ? out[k] : {}, v, path);
    else if (Array.isArray(v))
      out[k] = mergeList(Array.isArray(out[k]) ? out[k] : [], v, path);
    else out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith(ORDER) || !Array.isArray(v)) continue;
    const field = k.slice(ORDER.length);
    if (Array.isArray(out[field]))
      out[field] = orderBy(out[field], v, [...names, field]);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  return out;
}

/** Applies a strategic merge patch using the built-in kinds' merge keys and strategies. */
export function applyStrategicMergePatch(
  original: JsonObject,
  patch: unknown,
): JsonObject {
  if (!isObject(patch))
    throw new StrategicPatchError(
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  return patchObject(clone(original), patch, []);
}

import { isObject, JsonObject } from '../util/json';
import { keyDefault, listSemantics } from '../api/listTypes';

/**
 * Field paths in the structured-merge-diff sense, each path a list of path elements
 * (`f:spec`, `k:{"name":"app"}`, `v:"finalizer"`) joined by newlines (JSON escapes raw newlines,
 * so they never occur inside an element).
 */
export const SEP = '\n';

/** Member paths of an object mapped to the JSON of their value ('' for list items with fields). */
export type FieldValues = Map<string, string>;

// Server-managed metadata never appears in managed fields.
const SKIP_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'generateName',
]);

/** Which part of an object a write may own: everything but status, or only status. */
export type FieldScope = 'all' | 'main' | 'status';

/** The key element (`k:{...}`) of a list-map item, with keys sorted by name as SMD prints them. */
export function itemKey(item: JsonObject, keys: string[]): string {
  const key: JsonObject = {};
  for (const k of [...keys].sort()) {
    const v = item[k] ?? keyDefault(k);
    if (v !== undefined) key[k] = v;
  }
  return `k:${JSON.stringify(key)}`;
}

function walk(
  value: unknown,
  path: string,
  names: string[],
  custom: boolean,
  out: FieldValues,
): void {
  if (isObject(value)) {
    const keys = Object.keys(value).filter(k => value[k] !== undefined);
    if (keys.length === 0) {
      if (path) out.set(path, '{}');
      return;
    }
    for (const k of keys)
      walk(
        value[k],
        path ? `${path}${SEP}f:${k}` : `f:${k}`,
        [...names, k],
        custom,
        out,
      );
    return;
  }
  if (Array.isArray(value)) {
    const sem = listSemantics(names, custom);
    if (sem.type === 'atomic' || value.length === 0) {
      out.set(path, JSON.stringify(value));
    } else if (sem.type === 'set') {
      for (const item of value)
        out.set(`${path}${SEP}v:${JSON.stringify(item)}`, JSON.stringify(item));
    } else {
      for (const item of value) {
        if (!isObject(item)) continue;
        const itemPath = `${path}${SEP}${itemKey(item, sem.keys)}`;
        out.set(itemPath, '');
        walk(item, itemPath, names, custom, out);
      }
    }
    return;
  }
  out.set(path, JSON.stringify(value));
}

/** The member paths (leaves, list items, empty maps) of an object within a scope. */
export function fieldValues(
  obj: JsonObject,
  custom: boolean,
  scope: FieldScope,
): FieldValues {
  const out: FieldValues = new Map();
  for (const k of Object.keys(obj)) {
    if (k === 'apiVersion' || k === 'kind' || obj[k] === undefined) continue;
    if (scope === 'status' && k !== 'status') continue;
    if (scope === 'main' && k === 'status') continue;
    if (k === 'metadata' && isObject(obj.metadata)) {
      for (const mk of Object.keys(obj.metadata)) {
        if (SKIP_META.has(mk) || obj.metadata[mk] === undefined) continue;
        walk(
          obj.metadata[mk],
          `f:metadata${SEP}f:${mk}`,
          ['metadata', mk],
          custom,
          out,
        );
      }
      continue;
    }
    walk(obj[k], `f:${k}`, [k], custom, out);
  }
  return out;
}

/** Encodes a set of paths as FieldsV1 (`{"f:spec":{"f:replicas":{}}}`, `.` marking owned containers). */
export function toFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const p of paths) {
    let node = root;
    for (const el of p.split(SEP)) node = node[el] ??= {};
    node['.'] = {};
  }
  const finish = (node: JsonObject): JsonObject => {
    const keys = Object.keys(node).filter(k => k !== '.');
    if (keys.length === 0) return {};
    const out: JsonObject = {};
    if (node['.']) out['.'] = {};
    for (const k of keys.sort()) out[k] = finish(node[k]);
    return out;
  };
  return finish(root);
}

/** Decodes FieldsV1 into a set of paths. */
export function fromFieldsV1(fields: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown, prefix: string) => {
    if (!isObject(node)) return;
    const keys = Object.keys(node);
    if (prefix && (keys.length === 0 || '.' in node)) out.add(prefix);
    for (const k of keys)
      if (k !== '.') visit(node[k], prefix ? `${prefix}${SEP}${k}` : k);
  };
  visit(fields, '');
  return out;
}

/** Renders a path as SMD prints it in conflict messages: `.spec.containers[name="app"].image`. */
export function formatPath(path: string): string {
  let out = '';
  for (const el of path.split(SEP)) {
    const body = el.slice(2);
    if (el.startsWith('f:')) out += `.${body}`;
    else if (el.startsWith('v:')) out += `[=${body}]`;
    else if (el.startsWith('i:')) out += `[${body}]`;
    else if (el.startsWith('k:')) {
      const key = JSON.parse(body) as JsonObject;
      out += `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    }
  }
  return out;
}

import { clone, deepEqual, isObject } from '../util/json';

/** An RFC 6902 failure; the API server reports these as 422 Invalid. */
export class JsonPatchError extends Error {}

function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== 'string')
    throw new JsonPatchError('path must be a string');
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new JsonPatchError(`invalid JSON pointer: "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveParent(
  doc: any,
  parts: string[],
  op: string,
  path: string,
): { parent: any; key: string } {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(p);
      if (!/^\d+$/.test(p) || i >= cur.length)
        throw new JsonPatchError(
          `${op} operation does not apply: doc is missing path: "${path}"`,
        );
      cur = cur[i];
    } else if (isObject(cur) && p in cur) cur = cur[p];
    else
      throw new JsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}"`,
      );
  }
  return { parent: cur, key: parts[parts.length - 1] };
}

function get(doc: any, path: string, op: string): any {
  let cur = doc;
  for (const p of parsePointer(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(p) && Number(p) < cur.length)
      cur = cur[Number(p)];
    else if (isObject(cur) && p in cur) cur = cur[p];
    else
      throw new JsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}"`,
      );
  }
  return cur;
}

function remove(doc: any, path: string, op: string): any {
  const parts = parsePointer(path);
  if (parts.length === 0)
    throw new JsonPatchError('cannot remove the whole document');
  const { parent, key } = resolveParent(doc, parts, op, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= parent.length)
      throw new JsonPatchError(
        `Unable to remove nonexistent key: ${key}: missing value`,
      );
    return parent.splice(i, 1)[0];
  }
  if (!isObject(parent) || !(key in parent))
    throw new JsonPatchError(
      `Unable to remove nonexistent key: ${key}: missing value`,
    );
  const v = parent[key];
  delete parent[key];
  return v;
}

function add(
  doc: any,
  path: string,
  value: unknown,
  op: string,
  replace: boolean,
): any {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const { parent, key } = resolveParent(doc, parts, op, path);
  if (Array.isArray(parent)) {
    if (key === '-' && !replace) parent.push(value);
    else {
      const i = Number(key);
      if (
        !/^\d+$/.test(key) ||
        i > parent.length ||
        (replace && i >= parent.length)
      ) {
        throw new JsonPatchError(
          `${op} operation does not apply: doc is missing path: "${path}"`,
        );
      }
      parent.splice(i, replace ? 1 : 0, value);
    }
  } else if (isObject(parent)) {
    if (replace && !(key in parent))
      throw new JsonPatchError(
        `replace operation does not apply: doc is missing key: ${path}: missing value`,
      );
    parent[key] = value;
  } else
    throw new JsonPatchError(
      `${op} operation does not apply: doc is missing path: "${path}"`,
    );
  return doc;
}

/** Applies an RFC 6902 JSON patch to a copy of the document. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch))
    throw new JsonPatchError(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  let doc = clone(document);
  for (const operation of patch) {
    if (!isObject(operation)) throw new JsonPatchError('invalid operation');
    const { op, path, from, value } = operation as any;
    switch (op) {
      case 'add':
        doc = add(doc, path, clone(value), op, false);
        break;
      case 'replace':
        doc = add(doc, path, clone(value), op, true);
        break;
      case 'remove':
        remove(doc, path, op);
        break;
      case 'move': {
        const v = remove(doc, from, op);
        doc = add(doc, path, v, op, false);
        break;
      }
      case 'copy':
        doc = add(doc, path, clone(get(doc, from, op)), op, false);
        break;
      case 'test':
        if (!deepEqual(get(doc, path, op), value))
          throw new JsonPatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}

/** A JSON value as it travels over the wire. */
export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [key: string]: Json };

/** A plain JSON object. */
export type JsonObject = { [key: string]: any };

/** True for plain (non-array, non-null) objects. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value; JSON round-tripping is the fastest deep copy V8 offers for plain data. */
export function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** Structural equality of two JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== 'object' || Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const ak = Object.keys(ao).filter(k => ao[k] !== undefined);
  const bk = Object.keys(bo).filter(k => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

/** Reads a nested value by field path; undefined when any step is missing. */
export function getPath(obj: unknown, path: readonly string[]): any {
  let cur: any = obj;
  for (const p of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Ensures nested objects exist along the path and returns the innermost one. */
export function ensurePath(
  obj: JsonObject,
  path: readonly string[],
): JsonObject {
  let cur = obj;
  for (const p of path) {
    if (!isObject(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  return cur;
}

/** Go-like rendering of a value inside a field error message (`"abc"`, `5`, `null`). */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

import { ApiError } from '../server/errors';
import { clone, deepEqual, isObject, JsonObject } from '../util/json';
import { keyDefault, listSemantics } from '../api/listTypes';
import { fieldValues, formatPath, itemKey, SEP } from './fieldPaths';
import {
  diffValues,
  ManagerSet,
  managerId,
  setFor,
  Writer,
} from './managedFields';
import { rfc3339 } from '../util/time';

/** Merges an applied configuration into the live object, list items matched by their keys. */
export function mergeApplied(
  live: unknown,
  cfg: unknown,
  names: string[],
  custom: boolean,
): unknown {
  if (isObject(cfg) && isObject(live)) {
    const out: JsonObject = { ...live };
    for (const [k, v] of Object.entries(cfg)) {
      if (v === null) delete out[k];
      else out[k] = mergeApplied(live[k], v, [...names, k], custom);
    }
    return out;
  }
  if (Array.isArray(cfg) && Array.isArray(live)) {
    const sem = listSemantics(names, custom);
    if (sem.type === 'set') {
      const out = [...live];
      for (const v of cfg)
        if (!out.some(x => JSON.stringify(x) === JSON.stringify(v)))
          out.push(v);
      return out;
    }
    if (sem.type === 'map') {
      const out = [...live];
      for (const item of cfg) {
        if (!isObject(item)) continue;
        const key = itemKey(item, sem.keys);
        const i = out.findIndex(
          x => isObject(x) && itemKey(x, sem.keys) === key,
        );
        if (i >= 0) out[i] = mergeApplied(out[i], item, names, custom);
        else out.push(clone(item));
      }
      return out;
    }
  }
  return clone(cfg);
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value))
    if (v !== null) out[k] = stripNulls(v);
  return out;
}

function matchesKey(item: unknown, key: JsonObject): boolean {
  if (!isObject(item)) return false;
  return Object.entries(key).every(
    ([k, v]) => JSON.stringify(item[k] ?? keyDefault(k)) === JSON.stringify(v),
  );
}

/** Removes the field at a path from an object, tidying maps the removal leaves empty. */
export function removePath(obj: JsonObject, path: string): void {
  const els = path.split(SEP);
  const trail: Array<{ container: any; el: string }> = [];
  let cur: any = obj;
  for (let i = 0; i < els.length - 1; i++) {
    const el = els[i];
    trail.push({ container: cur, el });
    if (el.startsWith('f:')) cur = cur?.[el.slice(2)];
    else if (el.startsWith('k:') && Array.isArray(cur))
      cur = cur.find(x => matchesKey(x, JSON.parse(el.slice(2))));
    else return;
    if (cur === undefined) return;
  }
  const last = els[els.length - 1];
  if (last.startsWith('f:') && isObject(cur)) delete cur[last.slice(2)];
  else if (last.startsWith('k:') && Array.isArray(cur)) {
    const key = JSON.parse(last.slice(2));
    const i = cur.findIndex(x => matchesKey(x, key));
    if (i >= 0) cur.splice(i, 1);
  } else if (last.startsWith('v:') && Array.isArray(cur)) {
    const v = last.slice(2);
    const i = cur.findIndex(x => JSON.stringify(x) === v);
    if (i >= 0) cur.splice(i, 1);
  }
  // Drop maps emptied by the removal (but keep the top-level stanzas).
  for (let i = trail.length - 1; i >= 1; i--) {
    const { container, el } = trail[i];
    const child = el.startsWith('f:') ? container?.[el.slice(2)] : undefined;
    if (
      isObject(child) &&
      Object.keys(child).length === 0 &&
      isObject(container)
    )
      delete container[el.slice(2)];
    else break;
  }
}

function printManager(s: ManagerSet): string {
  let name = JSON.stringify(s.manager);
  if (s.subresource)
    name = `${name} with subresource ${JSON.stringify(s.subresource)}`;
  return s.operation === 'Update' ? `${name} using ${s.apiVersion}` : name;
}

/** The 409 a server-side apply conflict produces, worded like the API server's. */
export function applyConflictError(
  conflicts: Array<{ owner: ManagerSet; path: string }>,
): ApiError {
  let message: string;
  if (conflicts.length === 1) {
    const c = conflicts[0];
    message = `Apply failed with 1 conflict: conflict with ${printManager(
      c.owner,
    )}: ${formatPath(c.path)}`;
  } else {
    const byManager = new Map<string, { owner: ManagerSet; paths: string[] }>();
    for (const c of conflicts) {
      const id = managerId(c.owner);
      const entry = byManager.get(id) ?? { owner: c.owner, paths: [] };
      entry.paths.push(c.path);
      byManager.set(id, entry);
    }
    const lines: string[] = [];
    for (const id of [...byManager.keys()].sort()) {
      const { owner, paths } = byManager.get(id)!;
      lines.push(`conflicts with ${printManager(owner)}:`);
      for (const p of paths) lines.push(`- ${formatPath(p)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join(
      '\n',
    )}`;
  }
  return new ApiError(409, 'Conflict', message, {
    causes: conflicts.map(c => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${printManager(c.owner)}`,
      field: formatPath(c.path),
    })),
  });
}

/**
 * Server-side apply: merges `applied` into `live`, checks that no other manager owns a field
 * whose value changes (409 unless forced; forcing takes the fields over), records the applier's
 * set, and removes fields the applier dropped from its configuration that nobody else owns.
 */
export function serverSideApply(
  live: JsonObject,
  applied: JsonObject,
  sets: ManagerSet[],
  w: Writer,
  force: boolean,
): { object: JsonObject; sets: ManagerSet[] } {
  const merged = mergeApplied(live, applied, [], w.custom) as JsonObject;
  const { changed } = diffValues(
    fieldValues(live, w.custom, w.scope),
    fieldValues(merged, w.custom, w.scope),
  );
  const own = setFor(sets, {
    manager: w.manager,
    operation: 'Apply',
    apiVersion: w.apiVersion,
    subresource: w.subresource,
  });
  const conflicts: Array<{ owner: ManagerSet; path: string }> = [];
  for (const s of sets) {
    if (s === own) continue;
    for (const p of [...s.paths].sort())
      if (changed.has(p)) conflicts.push({ owner: s, path: p });
  }
  if (conflicts.length > 0 && !force) throw applyConflictError(conflicts);
  for (const c of conflicts) c.owner.paths.delete(c.path);

  const appliedPaths = new Set(
    fieldValues(stripNulls(applied) as JsonObject, w.custom, w.scope).keys(),
  );
  const previous = own.paths;
  const previousTime = own.time;
  own.paths = appliedPaths;
  own.apiVersion = w.apiVersion;

  const ownedByOthers = (p: string) =>
    sets.some(
      s =>
        s !== own && [...s.paths].some(q => q === p || q.startsWith(p + SEP)),
    );
  for (const p of [...previous].sort().reverse()) {
    if (!appliedPaths.has(p) && !ownedByOthers(p)) removePath(merged, p);
  }
  // A no-op apply keeps the old timestamp, so nothing is written and the resourceVersion stays.
  const unchanged =
    conflicts.length === 0 &&
    previous.size === appliedPaths.size &&
    [...previous].every(p => appliedPaths.has(p)) &&
    deepEqual(merged, live);
  own.time = unchanged && previousTime ? previousTime : rfc3339();
  return { object: merged, sets };
}

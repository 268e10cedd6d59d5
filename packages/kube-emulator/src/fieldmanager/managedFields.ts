import type { ManagedFieldsEntry } from '../types';
import {
  fieldValues,
  fromFieldsV1,
  FieldScope,
  FieldValues,
  toFieldsV1,
} from './fieldPaths';
import { JsonObject } from '../util/json';
import { rfc3339 } from '../util/time';

/** One manager's ownership, decoded. */
export interface ManagerSet {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  paths: Set<string>;
}

/** Who is writing and how. */
export interface Writer {
  manager: string;
  apiVersion: string;
  subresource?: string;
  custom: boolean;
  scope: FieldScope;
}

/** Manager identity as SMD keys it: Update entries are per API version, Apply entries are not. */
export function managerId(
  m: Pick<ManagerSet, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  return [
    m.manager,
    m.operation,
    m.operation === 'Update' ? m.apiVersion : '',
    m.subresource ?? '',
  ].join('\u0000');
}

export function decodeManagedFields(entries: unknown): ManagerSet[] {
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((e: ManagedFieldsEntry) => e && typeof e.manager === 'string')
    .map((e: ManagedFieldsEntry) => ({
      manager: e.manager!,
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: e.apiVersion ?? '',
      time: e.time,
      subresource: e.subresource || undefined,
      paths: fromFieldsV1(e.fieldsV1),
    }));
}

/** Encodes sets back to managedFields, dropping empty ones and sorting as the API server does. */
export function encodeManagedFields(
  sets: ManagerSet[],
): ManagedFieldsEntry[] | undefined {
  const kept = sets.filter(s => s.paths.size > 0);
  kept.sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    const pt = p.time ?? '';
    const qt = q.time ?? '';
    if (pt !== qt) return pt < qt ? -1 : 1;
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion)
      return p.apiVersion < q.apiVersion ? -1 : 1;
    return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : 1;
  });
  if (kept.length === 0) return undefined;
  return kept.map(s => {
    const e: ManagedFieldsEntry = {
      manager: s.manager,
      operation: s.operation,
      apiVersion: s.apiVersion,
    };
    if (s.time) e.time = s.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = toFieldsV1([...s.paths].sort());
    if (s.subresource) e.subresource = s.subresource;
    return e;
  });
}

/** Paths added or changed (value differs) from `before` to `after`, and paths removed. */
export function diffValues(
  before: FieldValues,
  after: FieldValues,
): { changed: Set<string>; removed: Set<string> } {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const [p, v] of after) if (before.get(p) !== v) changed.add(p);
  for (const p of before.keys()) if (!after.has(p)) removed.add(p);
  return { changed, removed };
}

/** Finds (or adds) the set of a writer. */
export function setFor(
  sets: ManagerSet[],
  w: Omit<ManagerSet, 'paths' | 'time'>,
): ManagerSet {
  const id = managerId(w);
  let s = sets.find(x => managerId(x) === id);
  if (!s) sets.push((s = { ...w, paths: new Set() }));
  return s;
}

/**
 * Ownership after a non-apply write: the writer takes every field it added or changed (other
 * managers lose them), and removed fields leave every set.
 */
export function recordUpdate(
  before: JsonObject | undefined,
  after: JsonObject,
  sets: ManagerSet[],
  w: Writer,
): ManagerSet[] {
  const b = before
    ? fieldValues(before, w.custom, w.scope)
    : new Map<string, string>();
  const a = fieldValues(after, w.custom, w.scope);
  const { changed, removed } = diffValues(b, a);
  if (changed.size === 0 && removed.size === 0) return sets;
  const own = setFor(sets, {
    manager: w.manager,
    operation: 'Update',
    apiVersion: w.apiVersion,
    subresource: w.subresource,
  });
  for (const s of sets) {
    if (s === own) continue;
    for (const p of changed) s.paths.delete(p);
    for (const p of removed) s.paths.delete(p);
  }
  for (const p of changed) own.paths.add(p);
  for (const p of removed) own.paths.delete(p);
  own.time = rfc3339();
  return sets;
}

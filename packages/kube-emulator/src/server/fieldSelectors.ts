import { badRequest } from './errors';
import type { ResourceType } from '../api/resourceType';
import type { KubeObject } from '../types';
import { getPath } from '../util/json';

/** One `field=value` / `field!=value` term. */
export interface FieldRequirement {
  field: string;
  path: string[];
  value: string;
  negate: boolean;
}

// Splits on an unescaped separator (field selector values escape `\,` `\=` `\\`).
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** Parses `fieldSelector` and checks each field is supported by the resource (400 otherwise, as the server does). */
export function parseFieldSelector(
  input: string | undefined,
  rt: ResourceType,
): FieldRequirement[] {
  if (!input || !input.trim()) return [];
  const reqs: FieldRequirement[] = [];
  for (const term of splitUnescaped(input, ',')) {
    if (!term.trim()) continue;
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/s.exec(term.trim());
    if (!m)
      throw badRequest(
        `invalid selector: '${input}'; can't understand '${term}'`,
      );
    const field = m[1].trim();
    const supported =
      field === 'metadata.name' ||
      (rt.namespaced && field === 'metadata.namespace');
    if (!supported && !rt.fieldSelectors.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    reqs.push({
      field,
      path: field.split('.'),
      value: unescape(m[3]),
      negate: m[2] === '!=',
    });
  }
  return reqs;
}

function fieldValue(obj: KubeObject, req: FieldRequirement): string {
  const v = getPath(obj, req.path);
  if (v === undefined || v === null)
    return req.field === 'spec.unschedulable' ||
      req.field === 'spec.hostNetwork'
      ? 'false'
      : '';
  return String(v);
}

/** True when the object satisfies every field requirement. */
export function matchesFields(
  reqs: FieldRequirement[],
  obj: KubeObject,
): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r);
    if (r.negate ? v === r.value : v !== r.value) return false;
  }
  return true;
}

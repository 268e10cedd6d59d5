/**
 * Kubernetes label selectors in their string form, as the `backstage.io/kubernetes-label-selector`
 * annotation holds them: `app=web,tier!=cache,env in (prod, staging),!legacy,release`.
 */
export type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export type LabelSelector = LabelRequirement[];

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const SET = new RegExp(String.raw`^(${KEY})\s+(in|notin)\s*\(([^)]*)\)$`);
const EQUALITY = new RegExp(
  String.raw`^(${KEY})\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)$`,
);
const EXISTS = new RegExp(String.raw`^(!?)\s*(${KEY})$`);

/** Splits on the commas that separate requirements, not those inside `in (a, b)`. */
function requirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

/** Parses a selector; throws with the offending part when it is not a valid selector. */
export function parseLabelSelector(selector: string): LabelSelector {
  return requirements(selector).map(part => {
    let m = SET.exec(part);
    if (m) {
      const values = m[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      return { key: m[1], op: m[2] as 'in' | 'notin', values };
    }
    m = EQUALITY.exec(part);
    if (m) {
      return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
    }
    m = EXISTS.exec(part);
    if (m) return { key: m[2], op: m[1] ? 'notexists' : 'exists' };
    throw new Error(`Invalid label selector requirement "${part}"`);
  });
}

/** Whether labels satisfy every requirement. An empty selector matches everything. */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  return selector.every(r => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && r.values.includes(labels[r.key]);
      default:
        return !has || !r.values.includes(labels[r.key]);
    }
  });
}

import { badRequest } from './errors';
import { isObject } from '../util/json';
import { labelValueErrors, qualifiedNameErrors } from '../api/validation/names';

/** One parsed label requirement. */
export interface Requirement {
  key: string;
  op: 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
  values: string[];
}

type Token = { kind: 'ident' | 'op' | 'eof'; text: string };

const OP_CHARS = new Set(['=', '!', '(', ')', ',', '<', '>']);

function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (OP_CHARS.has(ch)) {
      const two = input.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        out.push({ kind: 'op', text: two });
        i += 2;
      } else {
        out.push({ kind: 'op', text: ch });
        i++;
      }
    } else {
      let j = i;
      while (
        j < input.length &&
        !OP_CHARS.has(input[j]) &&
        !/\s/.test(input[j])
      )
        j++;
      out.push({ kind: 'ident', text: input.slice(i, j) });
      i = j;
    }
  }
  out.push({ kind: 'eof', text: '' });
  return out;
}

function fail(detail: string): never {
  throw badRequest(`unable to parse requirement: ${detail}`);
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'end of string' : `'${t.text}'`;
}

function checkKey(key: string): void {
  const errs = qualifiedNameErrors(key);
  if (errs.length)
    fail(`key: Invalid value: ${JSON.stringify(key)}: ${errs[0]}`);
}

function checkValue(key: string, value: string, i = 0): void {
  const errs = labelValueErrors(value);
  if (errs.length)
    fail(
      `values[${i}][${key}]: Invalid value: ${JSON.stringify(value)}: ${
        errs[0]
      }`,
    );
}

/** Parses a label selector string as labels.Parse does; throws a 400 Status on bad syntax. */
export function parseLabelSelector(input: string | undefined): Requirement[] {
  if (!input || !input.trim()) return [];
  const tokens = lex(input);
  let pos = 0;
  const next = () => tokens[pos++];
  const peek = () => tokens[pos];
  const reqs: Requirement[] = [];
  for (;;) {
    let t = next();
    if (t.kind === 'eof') break;
    if (t.kind === 'op' && t.text === '!') {
      const key = next();
      if (key.kind !== 'ident')
        fail(`found ${describe(key)}, expected: identifier`);
      checkKey(key.text);
      reqs.push({ key: key.text, op: '!', values: [] });
    } else {
      if (t.kind !== 'ident')
        fail(
          `found ${describe(t)}, expected: !, identifier, or 'end of string'`,
        );
      const key = t.text;
      checkKey(key);
      const op = peek();
      if (op.kind === 'eof' || (op.kind === 'op' && op.text === ',')) {
        reqs.push({ key, op: 'exists', values: [] });
      } else if (op.kind === 'op' && ['=', '==', '!='].includes(op.text)) {
        next();
        const v = peek();
        let value = '';
        if (v.kind === 'ident') value = next().text;
        else if (!(v.kind === 'eof' || v.text === ','))
          fail(`found ${describe(v)}, expected: identifier`);
        checkValue(key, value);
        reqs.push({ key, op: op.text === '!=' ? '!=' : '=', values: [value] });
      } else if (
        op.kind === 'ident' &&
        (op.text === 'in' || op.text === 'notin')
      ) {
        next();
        const open = next();
        if (open.text !== '(') fail(`found ${describe(open)}, expected: '('`);
        const values: string[] = [];
        for (;;) {
          t = next();
          if (t.kind === 'ident') {
            checkValue(key, t.text, values.length);
            values.push(t.text);
            t = next();
          } else if (t.text === ',' || t.text === ')') {
            values.push('');
          }
          if (t.text === ')') break;
          if (t.text !== ',')
            fail(`found ${describe(t)}, expected: ',', ')' or identifier`);
        }
        reqs.push({ key, op: op.text as 'in' | 'notin', values });
      } else if (op.kind === 'op' && (op.text === '>' || op.text === '<')) {
        next();
        const v = next();
        if (v.kind !== 'ident' || !/^-?\d+$/.test(v.text))
          fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        reqs.push({ key, op: op.text === '>' ? 'gt' : 'lt', values: [v.text] });
      } else {
        fail(`found ${describe(op)}, expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    const sep = next();
    if (sep.kind === 'eof') break;
    if (sep.text !== ',')
      fail(`found ${describe(sep)}, expected: ',' or 'end of string'`);
  }
  return reqs;
}

/** True when the labels satisfy every requirement. */
export function matchesLabels(
  reqs: Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of reqs) {
    const has =
      labels !== undefined &&
      Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
        if (v !== r.values[0]) return false;
        break;
      case '!=':
        if (has && v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const n = Number(v);
        const target = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > target) : !(n < target)) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/**
 * Converts a metav1.LabelSelector (matchLabels + matchExpressions) to requirements.
 * Returns undefined for a null selector, which matches nothing.
 */
export function labelSelectorRequirements(
  selector: unknown,
): Requirement[] | undefined {
  if (!isObject(selector)) return undefined;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key, op: '=', values: [String(value)] });
  }
  for (const e of Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : []) {
    const values: string[] = Array.isArray(e?.values)
      ? e.values.map(String)
      : [];
    const op = String(e?.operator ?? '');
    if (op === 'In') reqs.push({ key: e.key, op: 'in', values });
    else if (op === 'NotIn') reqs.push({ key: e.key, op: 'notin', values });
    else if (op === 'Exists')
      reqs.push({ key: e.key, op: 'exists', values: [] });
    else if (op === 'DoesNotExist')
      reqs.push({ key: e.key, op: '!', values: [] });
    else return [{ key: '', op: 'in', values: [] }]; // unknown operator: matches nothing
  }
  return reqs;
}

/** Renders requirements back to the string form (`a=b,c in (d,e)`), as Scale.status.selector carries it. */
export function formatRequirements(reqs: Requirement[]): string {
  return reqs
    .map(r => {
      switch (r.op) {
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case '=':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
        default:
          return `${r.key}${r.op === 'gt' ? '>' : '<'}${r.values[0]}`;
      }
    })
    .join(',');
}

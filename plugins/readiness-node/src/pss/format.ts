/**
 * Helpers that reproduce the admission library's message formatting exactly, so that refusals
 * read the same here as in `kubectl apply` output.
 */

/** Go's string order (bytes of UTF-8, i.e. code points), which sorted sets use. */
export function compareGo(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** The sorted, de-duplicated list of a set of strings, as Go's `sets.List` gives it. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGo);
}

/** `"a", "b"`: each item in double quotes, comma-separated. */
export function joinQuote(items: readonly string[]): string {
  return items.length ? `"${items.join('", "')}"` : '';
}

export function pluralize(singular: string, plural: string, count: number) {
  return count === 1 ? singular : plural;
}

/** `container "a"` or `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(
    names,
  )}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

// Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `%q` of a string (strconv.Quote): used where upstream quotes annotation values. */
export function goQuote(value: string): string {
  let out = '"';
  for (const char of value) {
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (PRINTABLE.test(char)) out += char;
    else if (SHORT_ESCAPES[char]) out += SHORT_ESCAPES[char];
    else {
      const code = char.codePointAt(0)!;
      if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000)
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

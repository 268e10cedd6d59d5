/**
 * Field paths in findings: dotted names with `[n]` indexes, and `['key']` for keys that are not
 * plain identifiers (annotation names), e.g. `metadata.annotations['kubernetes.io/ingress.class']`.
 */

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Builds a field path from segments; each string segment is one key. */
export function fieldPath(...segments: Array<string | number>): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) path += path ? `.${segment}` : segment;
    else path += `['${segment.replace(/'/g, "\\'")}']`;
  }
  return path;
}

/** Joins path strings, e.g. `spec.template.spec` and `containers[0]`. */
export function joinPaths(...paths: string[]): string {
  // A plain loop: this builds the path of every container of every workload.
  let joined = '';
  for (const p of paths) {
    if (p === '') continue;
    joined = joined === '' || p.startsWith('[') ? joined + p : `${joined}.${p}`;
  }
  return joined;
}

/** Splits a field path back into segments (the inverse of {@link fieldPath}). */
export function parseFieldPath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\.?([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined)
      segments.push(match[2].replace(/\\'/g, "'"));
    else if (match[3] !== undefined) segments.push(match[3]);
  }
  return segments;
}

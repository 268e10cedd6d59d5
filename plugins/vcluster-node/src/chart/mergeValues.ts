/** A values document: what `helm install -f` takes, nested maps of scalars and lists. */
export type ValuesDocument = { [key: string]: unknown };

const isMap = (value: unknown): value is ValuesDocument =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges overrides into base values the way Helm coalesces user values over a chart's defaults:
 * maps merge key by key, lists and scalars replace, and a `null` override removes the key. The
 * result shares no objects with the inputs.
 */
export function mergeValues<T extends ValuesDocument>(
  base: T,
  overrides: ValuesDocument,
): T {
  const merged: ValuesDocument = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) {
      delete merged[key];
    } else if (isMap(value) && isMap(merged[key])) {
      merged[key] = mergeValues(merged[key] as ValuesDocument, value);
    } else {
      merged[key] = structuredClone(value);
    }
  }
  return merged as T;
}

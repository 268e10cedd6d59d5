import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { asArray } from '../kube/objects';
import { parseFieldPath } from '../kube/paths';
import { KubernetesObject } from '../kube/types';

/** Bad input: unreadable files, invalid YAML, documents that are not Kubernetes objects. */
export class InputError extends Error {}

/** An object read from a manifest, with what is needed to point back into its file. */
export interface LoadedObject {
  object: KubernetesObject;
  /** File name as given on the command line, or `-` for stdin. */
  source: string;
  document: Document;
  /** Path of the object inside its document: `[]`, or `['items', 3]` inside a List. */
  prefix: Array<string | number>;
  lineCounter: LineCounter;
}

/**
 * Parses multi-document YAML (or JSON), such as `helm template` output, into objects.
 * Empty documents are skipped; Lists are flattened; anything else without apiVersion and kind
 * is an error, because silently ignoring it would hide objects from the scan.
 */
export function parseManifests(text: string, source: string): LoadedObject[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) return [];
  const loaded: LoadedObject[] = [];
  documents.forEach((document, index) => {
    const where = (offset?: number) =>
      offset === undefined
        ? `document ${index + 1}`
        : `line ${lineCounter.linePos(offset).line}`;
    const error = document.errors[0];
    if (error) {
      // yaml's message ends with its own "at line L, column C:"; say it once, in front.
      const message = error.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '');
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw new InputError(
        `${source}: invalid YAML at line ${line}, column ${col}: ${message}`,
      );
    }
    const value = document.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return;
    const start = where(document.contents?.range?.[0]);
    const add = (object: unknown, prefix: Array<string | number>) => {
      if (!object || typeof object !== 'object' || Array.isArray(object)) {
        throw new InputError(
          `${source}: ${start}: expected a Kubernetes object, found ${
            Array.isArray(object) ? 'a list' : typeof object
          }`,
        );
      }
      const candidate = object as KubernetesObject;
      if (
        typeof candidate.kind === 'string' &&
        candidate.kind.endsWith('List') &&
        Array.isArray(candidate.items)
      ) {
        asArray(candidate.items).forEach((item, i) =>
          add(item, [...prefix, 'items', i]),
        );
        return;
      }
      if (
        typeof candidate.apiVersion !== 'string' ||
        typeof candidate.kind !== 'string'
      ) {
        throw new InputError(
          `${source}: ${start}: object has no apiVersion or kind`,
        );
      }
      loaded.push({ object: candidate, source, document, prefix, lineCounter });
    };
    add(value, []);
  });
  return loaded;
}

/**
 * The line of a field in the object's file; for a field that is missing, the line of its closest
 * existing parent (where the fix goes), and without a field, the object's first line.
 */
export function lineOf(
  loaded: LoadedObject,
  fieldPath?: string,
): number | undefined {
  const segments = fieldPath ? parseFieldPath(fieldPath) : [];
  for (let length = segments.length; length >= 0; length--) {
    const path = [...loaded.prefix, ...segments.slice(0, length)];
    const node = (
      path.length ? loaded.document.getIn(path, true) : loaded.document.contents
    ) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      return loaded.lineCounter.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

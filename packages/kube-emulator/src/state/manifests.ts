import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../types';
import { isObject } from '../util/json';
import type { Core } from '../core/Core';
import { patchObject } from '../core/patch';
import { ApiError } from '../server/errors';

/** Parses multi-document YAML (or JSON) into objects; `kind: List` documents are flattened. */
export function parseManifests(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length)
      throw new Error(`invalid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isObject(value))
      throw new Error('a manifest document must be an object');
    if (
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items)
    ) {
      out.push(...(value.items.filter(isObject) as KubeObject[]));
    } else out.push(value as KubeObject);
  }
  return out;
}

// Namespaces and CRDs first so that what depends on them can be created in the same batch.
function rank(o: KubeObject): number {
  if (o.kind === 'Namespace') return 0;
  if (o.kind === 'CustomResourceDefinition') return 1;
  return 2;
}

/** Options of applyManifests. */
export interface ApplyManifestsOptions {
  /** Field manager of the server-side apply (default `kube-emulator`). */
  fieldManager?: string;
  /** Namespace for namespaced objects that name none (default `default`). */
  namespace?: string;
}

/**
 * Server-side applies (forced) every object in the text. Objects are applied even if some
 * fail; the failures are reported together in one thrown Error afterwards.
 */
export function applyManifestObjects(
  core: Core,
  objects: KubeObject[],
  opts: ApplyManifestsOptions = {},
): KubeObject[] {
  const applied: KubeObject[] = [];
  const failures: string[] = [];
  const sorted = [...objects].sort((a, b) => rank(a) - rank(b));
  for (const obj of sorted) {
    const label = `${obj.kind ?? '?'} ${
      obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''
    }${obj.metadata?.name ?? '?'}`;
    try {
      const rt = core.registry.byKind(
        String(obj.apiVersion ?? ''),
        String(obj.kind ?? ''),
      );
      if (!rt)
        throw new Error(
          `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`,
        );
      const ns = rt.namespaced
        ? obj.metadata?.namespace ?? opts.namespace ?? 'default'
        : '';
      const version = String(obj.apiVersion).split('/').pop()!;
      const { object } = patchObject(
        core,
        rt,
        version,
        ns,
        String(obj.metadata?.name ?? ''),
        'apply',
        obj,
        {
          fieldManager: opts.fieldManager ?? 'kube-emulator',
          force: true,
        },
      );
      applied.push(JSON.parse(object.json));
    } catch (e) {
      failures.push(
        `${label}: ${
          e instanceof ApiError || e instanceof Error ? e.message : String(e)
        }`,
      );
    }
  }
  if (failures.length)
    throw new Error(
      `failed to apply ${failures.length} object(s):\n${failures.join('\n')}`,
    );
  return applied;
}

/** Applies every *.yaml / *.yml / *.json file of a directory, in name order. */
export async function applyManifestsDir(
  core: Core,
  dir: string,
): Promise<KubeObject[]> {
  const files = (await fs.readdir(dir))
    .filter(f => /\.(ya?ml|json)$/i.test(f))
    .sort();
  const objects: KubeObject[] = [];
  for (const f of files)
    objects.push(
      ...parseManifests(await fs.readFile(path.join(dir, f), 'utf8')),
    );
  return applyManifestObjects(core, objects);
}

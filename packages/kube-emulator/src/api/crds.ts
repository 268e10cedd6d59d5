import { defineResource, ResourceType, Subresources } from './resourceType';
import type { KubeObject } from '../types';
import { isObject } from '../util/json';
import { customResourceStrategy } from './crdSchema';

const VERSION_RE = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/** Kube-aware version priority: GA before beta before alpha, higher numbers first, others last by name. */
export function compareVersions(a: string, b: string): number {
  const ma = VERSION_RE.exec(a);
  const mb = VERSION_RE.exec(b);
  if (ma && !mb) return -1;
  if (mb && !ma) return 1;
  if (!ma || !mb) return a.localeCompare(b);
  const ranks: Record<string, number> = { beta: 2, alpha: 1 };
  const rank = (m: RegExpExecArray) => (m[2] === undefined ? 3 : ranks[m[2]]);
  if (rank(ma) !== rank(mb)) return rank(mb) - rank(ma);
  if (ma[1] !== mb[1]) return Number(mb[1]) - Number(ma[1]);
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}

const jsonPath = (p: unknown): string[] =>
  typeof p === 'string' ? p.replace(/^\./, '').split('.').filter(Boolean) : [];

/** The ResourceType a CustomResourceDefinition serves, or undefined if it serves nothing. */
export function resourceTypeFromCrd(crd: KubeObject): ResourceType | undefined {
  const spec = crd.spec;
  if (!isObject(spec) || !isObject(spec.names) || !Array.isArray(spec.versions))
    return undefined;
  const served = spec.versions.filter(
    (v: any) => v?.served !== false && v?.name,
  );
  if (served.length === 0) return undefined;
  const versions: string[] = served
    .map((v: any) => String(v.name))
    .sort(compareVersions);
  const storage = spec.versions.find((v: any) => v?.storage) ?? served[0];
  const preferred = served.find((v: any) => v.name === versions[0]);
  const sub = (preferred?.subresources ??
    storage?.subresources ??
    {}) as Record<string, any>;
  const subresources: Subresources = {};
  if (isObject(sub.status)) subresources.status = true;
  if (isObject(sub.scale)) {
    subresources.scale = {
      specReplicasPath: jsonPath(sub.scale.specReplicasPath),
      statusReplicasPath: jsonPath(sub.scale.statusReplicasPath),
      labelSelectorPath: sub.scale.labelSelectorPath
        ? jsonPath(sub.scale.labelSelectorPath)
        : undefined,
    };
  }
  const names = spec.names;
  const schemas = new Map<string, unknown>();
  for (const v of served) schemas.set(v.name, v.schema?.openAPIV3Schema);
  const selectable: string[] = (preferred?.selectableFields ?? [])
    .map((f: any) => String(f?.jsonPath ?? '').replace(/^\./, ''))
    .filter(Boolean);
  return defineResource({
    group: String(spec.group),
    version: versions[0],
    versions,
    kind: String(names.kind),
    listKind: names.listKind ?? `${names.kind}List`,
    plural: String(names.plural),
    singular: names.singular ?? String(names.kind).toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: Array.isArray(names.shortNames) ? names.shortNames : [],
    categories: Array.isArray(names.categories) ? names.categories : [],
    subresources,
    generation: true,
    unconditionalUpdate: false,
    custom: true,
    fieldSelectors: selectable,
    strategy: customResourceStrategy(schemas),
  });
}

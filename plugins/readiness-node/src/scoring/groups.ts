import {
  CATEGORIES,
  Category,
  DEFAULT_LEVELS,
  Finding,
  LevelDefinition,
  ResourceRef,
  resourceKey,
  Score,
} from '@hatchway/plugin-readiness-common';
import { GroupCounts } from './groupCounts';
import { finish } from './score';

/** @public */
export interface ResourceScore {
  resource: ResourceRef;
  /** {@link @hatchway/plugin-readiness-common#resourceKey} of the resource. */
  key: string;
  score: Score;
}

/** @public */
export interface NamespaceScore {
  cluster?: string;
  /** Unset for cluster-scoped resources (ClusterRoles, ClusterRoleBindings, ...). */
  namespace?: string;
  score: Score;
}

/**
 * The score of a set of findings. Exempted and skipped findings are counted but not scored;
 * switched-off checks produce no findings at all.
 * @public
 */
export function scoreFindings(
  findings: Iterable<Finding>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): Score {
  const counts = new GroupCounts();
  const group = counts.add();
  // An index loop over arrays: one call walks a million findings, mostly before it is optimized,
  // and an iterator would allocate a result object per finding until then.
  if (Array.isArray(findings)) {
    for (let i = 0; i < findings.length; i++) counts.count(group, findings[i]);
  } else {
    for (const finding of findings) counts.count(group, finding);
  }
  return finish(counts.score(group), levels);
}

/**
 * Scores findings per group in one pass, counting as it goes instead of collecting each group's
 * findings first: a large cluster has hundreds of thousands of findings. The group depends only
 * on the finding's resource, and the engine gives all findings of an object the same ref: each
 * ref object is keyed once, then found by identity. The groups come in the order they first
 * appear.
 */
function scoreGroups<T>(
  findings: Iterable<Finding>,
  keyOf: (resource: ResourceRef) => string,
  first: (resource: ResourceRef) => T,
  narrow: boolean,
): { keys: string[]; infos: T[]; counts: GroupCounts } {
  const counts = new GroupCounts(narrow);
  const indexes = new Map<string, number>();
  const byRef = new Map<ResourceRef, number>();
  const keys: string[] = [];
  const infos: T[] = [];
  // Findings come by check, then object: consecutive ones often share a ref.
  let lastRef: ResourceRef | undefined;
  let lastGroup = 0;
  const add = (finding: Finding) => {
    const resource = finding.resource;
    let group: number | undefined = lastGroup;
    if (resource !== lastRef) {
      group = byRef.get(resource);
      if (group === undefined) {
        const key = keyOf(resource);
        group = indexes.get(key);
        if (group === undefined) {
          group = counts.add();
          indexes.set(key, group);
          keys.push(key);
          infos.push(first(resource));
        }
        byRef.set(resource, group);
      }
      lastRef = resource;
      lastGroup = group;
    }
    counts.count(group, finding);
  };
  if (Array.isArray(findings)) {
    for (let i = 0; i < findings.length; i++) add(findings[i]);
  } else {
    for (const finding of findings) add(finding);
  }
  // A group with more than 65,535 findings in one cell: count again in 32 bits.
  if (counts.overflowed) return scoreGroups(findings, keyOf, first, false);
  return { keys, infos, counts };
}

/**
 * A score per resource, in the order resources first appear. Resources with equal counts share
 * one frozen Score (a cluster's tens of thousands of resources have a few hundred different
 * scores): read them, copy them to change them.
 * @public
 */
export function scoreByResource(
  findings: Iterable<Finding>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): ResourceScore[] {
  // 16-bit counts when the findings can be walked twice (a resource rarely has even a thousand).
  const { keys, infos, counts } = scoreGroups(
    findings,
    resourceKey,
    resource => resource,
    Array.isArray(findings),
  );
  const scores = counts.sharedScores(levels);
  const result: ResourceScore[] = [];
  for (let group = 0; group < keys.length; group++)
    result.push({
      resource: infos[group],
      key: keys[group],
      score: scores[group],
    });
  return result;
}

/** A Namespace finding belongs to the namespace it is about. */
function namespaceOfResource(resource: ResourceRef): string | undefined {
  return resource.kind === 'Namespace' ? resource.name : resource.namespace;
}

/**
 * A score per cluster and namespace, sorted by cluster then namespace; cluster-scoped resources
 * form their own group without a namespace, listed first.
 * @public
 */
export function scoreByNamespace(
  findings: Iterable<Finding>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): NamespaceScore[] {
  const counts = new GroupCounts();
  const indexes = new Map<string, number>();
  const keys: string[] = [];
  const infos: Array<{ cluster?: string; namespace?: string }> = [];
  // By cluster, then namespace: two lookups in maps of a few hundred entries, the names' hashes
  // kept in the strings, instead of a lookup by ref in a map of every resource. The key is
  // built once per pair.
  const byCluster = new Map<unknown, Map<unknown, number>>();
  let lastRef: ResourceRef | undefined;
  let lastGroup = 0;
  const add = (finding: Finding) => {
    const resource = finding.resource;
    if (resource !== lastRef) {
      const cluster = resource.cluster;
      const namespace = namespaceOfResource(resource);
      let namespaces = byCluster.get(cluster);
      if (!namespaces) {
        namespaces = new Map();
        byCluster.set(cluster, namespaces);
      }
      let group = namespaces.get(namespace);
      if (group === undefined) {
        const key = `${cluster ?? ''}|${namespace ?? ''}`;
        group = indexes.get(key);
        if (group === undefined) {
          group = counts.add();
          indexes.set(key, group);
          keys.push(key);
          infos.push({ cluster, namespace });
        }
        namespaces.set(namespace, group);
      }
      lastRef = resource;
      lastGroup = group;
    }
    counts.count(lastGroup, finding);
  };
  if (Array.isArray(findings)) {
    for (let i = 0; i < findings.length; i++) add(findings[i]);
  } else {
    for (const finding of findings) add(finding);
  }
  return keys
    .map((key, group) => ({ key, group }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ group }) => ({
      ...(infos[group].cluster !== undefined && {
        cluster: infos[group].cluster,
      }),
      ...(infos[group].namespace !== undefined && {
        namespace: infos[group].namespace,
      }),
      score: finish(counts.score(group), levels),
    }));
}

/**
 * A score per category (each scored on that category's findings alone), for the pages' bars.
 * @public
 */
export function scoreByCategory(
  findings: Iterable<Finding>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): Record<Category, Score> {
  const list = [...findings];
  return Object.fromEntries(
    CATEGORIES.map(category => [
      category,
      scoreFindings(
        list.filter(f => f.category === category),
        levels,
      ),
    ]),
  ) as Record<Category, Score>;
}

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
  for (const finding of findings) counts.count(group, finding);
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
  levels: readonly LevelDefinition[],
) {
  const counts = new GroupCounts();
  const indexes = new Map<string, number>();
  const byRef = new Map<ResourceRef, number>();
  const keys: string[] = [];
  const infos: T[] = [];
  for (const finding of findings) {
    const resource = finding.resource;
    let group = byRef.get(resource);
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
    counts.count(group, finding);
  }
  const scores: Score[] = [];
  for (let group = 0; group < keys.length; group++)
    scores.push(finish(counts.score(group), levels));
  return { keys, infos, scores };
}

/**
 * A score per resource, in the order resources first appear.
 * @public
 */
export function scoreByResource(
  findings: Iterable<Finding>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): ResourceScore[] {
  const { keys, infos, scores } = scoreGroups(
    findings,
    resourceKey,
    resource => resource,
    levels,
  );
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
  const { keys, infos, scores } = scoreGroups(
    findings,
    r => `${r.cluster ?? ''}|${namespaceOfResource(r) ?? ''}`,
    r => ({ cluster: r.cluster, namespace: namespaceOfResource(r) }),
    levels,
  );
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
      score: scores[group],
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

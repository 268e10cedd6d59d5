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
import { finish, scoreFindings } from './score';

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
 * Scores findings per group in one pass, counting as it goes instead of collecting each group's
 * findings first: a large cluster has hundreds of thousands of findings. The group depends only
 * on the finding's resource, and the engine gives all findings of an object the same ref: each
 * ref object is keyed once, then found by identity.
 */
function scoreGroups<T>(
  findings: Iterable<Finding>,
  keyOf: (finding: Finding) => string,
  first: (finding: Finding) => T,
  levels: readonly LevelDefinition[],
) {
  const counts = new GroupCounts();
  const indexes = new Map<string, number>();
  const byRef = new Map<ResourceRef, number>();
  const infos: T[] = [];
  for (const finding of findings) {
    let group = byRef.get(finding.resource);
    if (group === undefined) {
      const key = keyOf(finding);
      group = indexes.get(key);
      if (group === undefined) {
        group = counts.add();
        indexes.set(key, group);
        infos.push(first(finding));
      }
      byRef.set(finding.resource, group);
    }
    counts.count(group, finding);
  }
  const groups = new Map<string, { info: T; score: Score }>();
  for (const [key, group] of indexes) {
    groups.set(key, {
      info: infos[group],
      score: finish(counts.score(group), levels),
    });
  }
  return groups;
}

/**
 * A score per resource, in the order resources first appear.
 * @public
 */
export function scoreByResource(
  findings: Iterable<Finding>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): ResourceScore[] {
  const groups = scoreGroups(
    findings,
    f => resourceKey(f.resource),
    f => f.resource,
    levels,
  );
  return [...groups].map(([key, group]) => ({
    resource: group.info,
    key,
    score: group.score,
  }));
}

/** A Namespace finding belongs to the namespace it is about. */
function namespaceOfFinding(finding: Finding): string | undefined {
  return finding.resource.kind === 'Namespace'
    ? finding.resource.name
    : finding.resource.namespace;
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
  const groups = scoreGroups(
    findings,
    f => `${f.resource.cluster ?? ''}|${namespaceOfFinding(f) ?? ''}`,
    f => ({ cluster: f.resource.cluster, namespace: namespaceOfFinding(f) }),
    levels,
  );
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, group]) => ({
      ...(group.info.cluster !== undefined && { cluster: group.info.cluster }),
      ...(group.info.namespace !== undefined && {
        namespace: group.info.namespace,
      }),
      score: group.score,
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

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
import { scoreFindings } from './score';

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

function groupBy<T>(
  findings: Iterable<Finding>,
  keyOf: (finding: Finding) => string,
  first: (finding: Finding) => T,
) {
  const groups = new Map<string, { info: T; findings: Finding[] }>();
  for (const finding of findings) {
    const key = keyOf(finding);
    let group = groups.get(key);
    if (!group) {
      group = { info: first(finding), findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
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
  const groups = groupBy(
    findings,
    f => resourceKey(f.resource),
    f => f.resource,
  );
  return [...groups].map(([key, group]) => ({
    resource: group.info,
    key,
    score: scoreFindings(group.findings, levels),
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
  const groups = groupBy(
    findings,
    f => `${f.resource.cluster ?? ''}|${namespaceOfFinding(f) ?? ''}`,
    f => ({ cluster: f.resource.cluster, namespace: namespaceOfFinding(f) }),
  );
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, group]) => ({
      ...(group.info.cluster !== undefined && { cluster: group.info.cluster }),
      ...(group.info.namespace !== undefined && {
        namespace: group.info.namespace,
      }),
      score: scoreFindings(group.findings, levels),
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

import {
  CATEGORIES,
  Category,
  DEFAULT_LEVELS,
  Finding,
  LevelDefinition,
  ResourceRef,
  Score,
} from '@hatchway/plugin-readiness-common';
import { canWalkAgain, eachFinding } from './eachFinding';
import { CountBits, GroupCounts } from './groupCounts';
import { ResourceIndex } from './resourceIndex';
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
  eachFinding(findings, finding => counts.count(group, finding));
  return finish(counts.score(group), levels);
}

/**
 * Counts findings per resource in one pass, instead of collecting each resource's findings first:
 * a large cluster has hundreds of thousands of findings. Resources are numbered in the order they
 * first appear.
 */
function countByResource(
  findings: Iterable<Finding>,
  bits: CountBits,
): { index: ResourceIndex; counts: GroupCounts } {
  const counts = new GroupCounts(bits);
  const index = new ResourceIndex();
  // Findings come by check, then object, and most checks walk the same objects in the same
  // order: the resource that followed a resource last time is tried first. seen[r] is the last
  // ref of resource r, next[r] the resource that came after it. At 10,000 workloads this guess
  // is right for 88 % of the changes of resource and a resource's first finding is 11 %, so no
  // map of every ref object (73,000 entries, grown a dozen times) sits in front of the index.
  const seen: ResourceRef[] = [];
  const next: number[] = [];
  let lastRef: ResourceRef | undefined;
  let last = -1;
  const add = (finding: Finding) => {
    const resource = finding.resource;
    if (resource !== lastRef) {
      let group = last < 0 ? -1 : next[last];
      if (group < 0 || seen[group] !== resource) {
        group = index.numberOf(resource);
        if (group === counts.size) {
          counts.add();
          next.push(-1);
          seen.push(resource);
        }
        seen[group] = resource;
        if (last >= 0) next[last] = group;
      }
      lastRef = resource;
      last = group;
    }
    counts.count(last, finding);
  };
  eachFinding(findings, add);
  // A resource with more findings in one cell than fit: count again, wider.
  if (counts.overflowed) return countByResource(findings, bits === 8 ? 16 : 32);
  return { index, counts };
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
  // 8-bit counts when the findings can be walked again (a resource rarely has a hundred findings
  // of one severity, category and status); wider ones if a resource has more.
  const { index, counts } = countByResource(
    findings,
    canWalkAgain(findings) ? 8 : 32,
  );
  const scores = counts.sharedScores(levels);
  const { keys, refs } = index;
  // Made at its final size: tens of thousands of pushes would copy it a dozen times.
  const result = new Array<ResourceScore>(keys.length);
  for (let group = 0; group < keys.length; group++)
    result[group] = {
      resource: refs[group],
      key: keys[group],
      score: scores[group],
    };
  return result;
}

/** A Namespace finding belongs to the namespace it is about. */
function namespaceOfResource(resource: ResourceRef): string | undefined {
  return resource.kind === 'Namespace' ? resource.name : resource.namespace;
}

/**
 * A score per group of resources (catalog entities, their owners), each group's findings scored
 * together: a finding counts once in every group `groupsOf` gives its resource, and a resource in
 * no group counts nowhere. Groups come in the order their first finding does. Counts as it goes,
 * without collecting each group's findings: a scan scores thousands of entities over hundreds of
 * thousands of findings.
 * @public
 */
export function scoreByResourceGroups(
  findings: Iterable<Finding>,
  groupsOf: (resource: ResourceRef) => Iterable<string>,
  levels: readonly LevelDefinition[] = DEFAULT_LEVELS,
): Map<string, Score> {
  const counts = new GroupCounts();
  const indexes = new Map<string, number>();
  const names: string[] = [];
  // Each ref's groups, looked up once: consecutive findings are mostly of different resources
  // (a check walks every resource), so each resource's findings come many times, scattered.
  const groupsByRef = new Map<ResourceRef, number[]>();
  const groupsOfRef = (resource: ResourceRef) => {
    const groups: number[] = [];
    for (const name of groupsOf(resource)) {
      let group = indexes.get(name);
      if (group === undefined) {
        group = counts.add();
        indexes.set(name, group);
        names.push(name);
      }
      // A resource named twice in one group still counts once there.
      if (!groups.includes(group)) groups.push(group);
    }
    groupsByRef.set(resource, groups);
    return groups;
  };
  let lastRef: ResourceRef | undefined;
  let groups: number[] = [];
  const add = (finding: Finding) => {
    const resource = finding.resource;
    if (resource !== lastRef) {
      lastRef = resource;
      groups = groupsByRef.get(resource) ?? groupsOfRef(resource);
    }
    for (let i = 0; i < groups.length; i++) counts.count(groups[i], finding);
  };
  eachFinding(findings, add);
  const scores = new Map<string, Score>();
  names.forEach((name, group) =>
    scores.set(name, finish(counts.score(group), levels)),
  );
  return scores;
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
  const groupOf = (cluster?: string, namespace?: string) => {
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
    return group;
  };
  let lastRef: ResourceRef | undefined;
  let lastCluster: string | undefined;
  let lastNamespace: string | undefined;
  let lastGroup = -1;
  const add = (finding: Finding) => {
    const resource = finding.resource;
    if (resource !== lastRef) {
      lastRef = resource;
      const cluster = resource.cluster;
      const namespace = namespaceOfResource(resource);
      // Checks walk workloads namespace by namespace: the next resource is mostly in the same
      // namespace as the last, and comparing two names is cheaper than two lookups.
      if (
        lastGroup < 0 ||
        cluster !== lastCluster ||
        namespace !== lastNamespace
      ) {
        lastCluster = cluster;
        lastNamespace = namespace;
        lastGroup = groupOf(cluster, namespace);
      }
    }
    counts.count(lastGroup, finding);
  };
  eachFinding(findings, add);
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

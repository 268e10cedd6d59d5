import { Finding } from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';

/**
 * Live re-scoring re-evaluates a cluster in partitions: each namespace (its objects and its
 * Namespace object), and `''`, the cluster-scoped resources. The built-in checks judge a
 * namespaced resource from its own namespace and the cluster-scoped objects (a RoleBinding from
 * the ClusterRole it names), so a namespace evaluated with the cluster-scoped objects beside it
 * gives the same findings as the whole cluster does; `partitions.test.ts` holds every check to
 * that. Only the cluster-scoped findings need the whole cluster: a ClusterRole's findings name
 * the subjects of RoleBindings in every namespace.
 */

/** The partition of cluster-scoped resources. */
export const CLUSTER_SCOPED = '';

/** Which partitions a change affects: some, or every one. */
export type Affected = { all: true } | { all: false; partitions: string[] };

/** The partition an object belongs to. */
export function partitionOf(object: KubernetesObject): string {
  if (object.kind === 'Namespace') return object.metadata?.name ?? '';
  return object.metadata?.namespace ?? CLUSTER_SCOPED;
}

/** The partition a finding is about. */
export function partitionOfFinding(finding: Finding): string {
  const { resource } = finding;
  if (resource.kind === 'Namespace' && !resource.namespace) {
    return resource.name;
  }
  return resource.namespace ?? CLUSTER_SCOPED;
}

/** What the partitions of a change are judged from: the RoleBindings that name a ClusterRole. */
export interface BindingLookup {
  /** Namespaces with a RoleBinding whose roleRef is the ClusterRole. */
  namespacesBinding(clusterRole: string): string[];
}

/**
 * The partitions a changed object affects: its own; for a RoleBinding also the cluster-scoped
 * one (a ClusterRole's findings name who it is bound to); for a ClusterRole the cluster-scoped
 * one and the namespaces whose RoleBindings name it; for any other cluster-scoped kind (a
 * ClusterPolicyReport's results may be about any resource) every partition.
 */
export function affectedPartitions(
  object: KubernetesObject,
  bindings: BindingLookup,
): Affected {
  const kind = object.kind ?? '';
  if (kind === 'Namespace') {
    return { all: false, partitions: [partitionOf(object)] };
  }
  const namespace = object.metadata?.namespace;
  if (namespace) {
    return {
      all: false,
      partitions:
        kind === 'RoleBinding' ? [namespace, CLUSTER_SCOPED] : [namespace],
    };
  }
  if (kind === 'ClusterRoleBinding') {
    return { all: false, partitions: [CLUSTER_SCOPED] };
  }
  if (kind === 'ClusterRole') {
    const name = object.metadata?.name ?? '';
    return {
      all: false,
      partitions: [CLUSTER_SCOPED, ...bindings.namespacesBinding(name)],
    };
  }
  return { all: true };
}

/**
 * The objects a re-evaluation of the partitions needs: the namespaces' objects, their Namespace
 * objects and every cluster-scoped object; the whole cluster when the cluster-scoped partition
 * is among them.
 */
export function objectsForPartitions(
  objects: Iterable<KubernetesObject>,
  partitions: ReadonlySet<string> | 'all',
): KubernetesObject[] {
  const all = partitions === 'all' || partitions.has(CLUSTER_SCOPED);
  const result: KubernetesObject[] = [];
  for (const object of objects) {
    if (all) {
      result.push(object);
    } else if (object.kind === 'Namespace') {
      if (partitions.has(partitionOf(object))) result.push(object);
    } else if (!object.metadata?.namespace) {
      result.push(object);
    } else if (partitions.has(object.metadata.namespace)) {
      result.push(object);
    }
  }
  return result;
}

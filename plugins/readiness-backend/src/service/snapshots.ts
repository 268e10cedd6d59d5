import {
  Finding,
  LevelDefinition,
  ResourceRef,
  Score,
} from '@hatchway/plugin-readiness-common';
import {
  FindingTable,
  scoreByNamespace,
  scoreByResourceGroups,
} from '@hatchway/plugin-readiness-node';
import { resourceKeysIn } from '../database/rows';
import { ResourceEntityRecord, SnapshotRecord } from '../database/types';
import { pushTo } from '../util/pushTo';

/**
 * The day's snapshots of one cluster scan: the cluster, each namespace, each entity with
 * resources in the cluster, and each owner of such entities.
 */
export function buildSnapshots(
  cluster: string,
  clusterScore: Score,
  /** Read three times: an array or an evaluation's finding table, not a generator. */
  findings: readonly Finding[] | FindingTable,
  resourceEntities: readonly ResourceEntityRecord[],
  levels: readonly LevelDefinition[],
  /** Resource keys in `cluster`, from the scan's own cache when it has one. */
  keyOf: (ref: ResourceRef) => string = resourceKeysIn(cluster),
): SnapshotRecord[] {
  const snapshots: SnapshotRecord[] = [
    { scopeType: 'cluster', scopeRef: cluster, score: clusterScore },
  ];
  for (const ns of scoreByNamespace(findings, levels)) {
    // Cluster-scoped resources (ClusterRoles, ...) belong to the cluster's snapshot only.
    if (ns.namespace !== undefined) {
      snapshots.push({
        scopeType: 'namespace',
        scopeRef: ns.namespace,
        score: ns.score,
      });
    }
  }
  const entitiesByKey = new Map<string, string[]>();
  const ownersByKey = new Map<string, string[]>();
  for (const { resourceKey: key, entityRef, owner } of resourceEntities) {
    pushTo(entitiesByKey, key, entityRef);
    if (owner) pushTo(ownersByKey, key, owner);
  }
  // A finding counts once in each of its resource's groups: once for an owner however many of
  // the owner's entities its resource maps to, as `GET /summary?owner=` counts it.
  const groupings = [
    ['entity', entitiesByKey],
    ['owner', ownersByKey],
  ] as const;
  for (const [scopeType, groupsByKey] of groupings) {
    const scores = scoreByResourceGroups(
      findings,
      resource => groupsByKey.get(keyOf(resource)) ?? [],
      levels,
    );
    for (const [scopeRef, score] of scores)
      snapshots.push({ scopeType, scopeRef, score });
  }
  return snapshots;
}

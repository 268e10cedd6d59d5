import {
  Finding,
  LevelDefinition,
  Score,
} from '@hatchway/plugin-readiness-common';
import {
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
  findings: readonly Finding[],
  resourceEntities: readonly ResourceEntityRecord[],
  levels: readonly LevelDefinition[],
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
  const ownersByKey = new Map<string, Set<string>>();
  for (const { resourceKey: key, entityRef, owner } of resourceEntities) {
    pushTo(entitiesByKey, key, entityRef);
    if (owner) {
      const owners = ownersByKey.get(key) ?? new Set<string>();
      owners.add(owner);
      ownersByKey.set(key, owners);
    }
  }
  // A finding counts once for an owner however many of the owner's entities its resource maps
  // to, as `GET /summary?owner=` counts it.
  const keyOf = resourceKeysIn(cluster);
  const entityScores = scoreByResourceGroups(
    findings,
    resource => entitiesByKey.get(keyOf(resource)) ?? [],
    levels,
  );
  for (const [entityRef, score] of entityScores) {
    snapshots.push({ scopeType: 'entity', scopeRef: entityRef, score });
  }
  const ownerScores = scoreByResourceGroups(
    findings,
    resource => ownersByKey.get(keyOf(resource)) ?? [],
    levels,
  );
  for (const [owner, score] of ownerScores) {
    snapshots.push({ scopeType: 'owner', scopeRef: owner, score });
  }
  return snapshots;
}

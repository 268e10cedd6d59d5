import {
  Finding,
  LevelDefinition,
  Score,
} from '@hatchway/plugin-readiness-common';
import {
  scoreByNamespace,
  scoreFindings,
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
  const findingsByEntity = new Map<string, Finding[]>();
  // A finding counts once for an owner however many of the owner's entities its resource maps
  // to, as `GET /summary?owner=` counts it.
  const findingsByOwner = new Map<string, Finding[]>();
  const keyOf = resourceKeysIn(cluster);
  for (const finding of findings) {
    const key = keyOf(finding.resource);
    for (const entityRef of entitiesByKey.get(key) ?? []) {
      pushTo(findingsByEntity, entityRef, finding);
    }
    for (const owner of ownersByKey.get(key) ?? []) {
      pushTo(findingsByOwner, owner, finding);
    }
  }
  for (const [entityRef, entityFindings] of findingsByEntity) {
    snapshots.push({
      scopeType: 'entity',
      scopeRef: entityRef,
      score: scoreFindings(entityFindings, levels),
    });
  }
  for (const [owner, ownerFindings] of findingsByOwner) {
    snapshots.push({
      scopeType: 'owner',
      scopeRef: owner,
      score: scoreFindings(ownerFindings, levels),
    });
  }
  return snapshots;
}

import {
  Finding,
  LevelDefinition,
  resourceKey,
  Score,
} from '@hatchway/plugin-readiness-common';
import {
  scoreByNamespace,
  scoreFindings,
} from '@hatchway/plugin-readiness-node';
import { ResourceEntityRecord, SnapshotRecord } from '../database/types';
import { pushTo } from '../util/pushTo';

/**
 * The day's snapshots of one cluster scan: the cluster, each namespace, and each entity with
 * resources in the cluster.
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
  for (const { resourceKey: key, entityRef } of resourceEntities) {
    pushTo(entitiesByKey, key, entityRef);
  }
  const findingsByEntity = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = resourceKey({ ...finding.resource, cluster });
    for (const entityRef of entitiesByKey.get(key) ?? []) {
      pushTo(findingsByEntity, entityRef, finding);
    }
  }
  for (const [entityRef, entityFindings] of findingsByEntity) {
    snapshots.push({
      scopeType: 'entity',
      scopeRef: entityRef,
      score: scoreFindings(entityFindings, levels),
    });
  }
  return snapshots;
}

import {
  Finding,
  ResourceRef,
  resourceKey,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { resourceKeysIn } from '../database/rows';
import { FindingRecord } from '../database/types';

/** Each object's labels by resource key: stored with its findings, for exemption matching. */
function labelsByKey(cluster: string, objects: readonly KubernetesObject[]) {
  const labels = new Map<string, Record<string, string>>();
  for (const object of objects) {
    if (!object.metadata?.name || !object.metadata.labels) continue;
    labels.set(
      resourceKey({
        cluster,
        apiVersion: object.apiVersion ?? 'v1',
        kind: object.kind ?? '',
        name: object.metadata.name,
        ...(object.metadata.namespace && {
          namespace: object.metadata.namespace,
        }),
      }),
      object.metadata.labels,
    );
  }
  return labels;
}

/**
 * The evaluated objects' findings as the store keeps them, each with its object's labels, made
 * as they are read (a scan has hundreds of thousands). `keyOf` gives resource keys in `cluster`:
 * pass the scan's own cache when it has one.
 */
export function* findingRecords(
  cluster: string,
  objects: readonly KubernetesObject[],
  findings: Iterable<Finding>,
  keyOf: (ref: ResourceRef) => string = resourceKeysIn(cluster),
): Generator<FindingRecord> {
  const labels = labelsByKey(cluster, objects);
  for (const finding of findings) {
    yield { finding, labels: labels.get(keyOf(finding.resource)) ?? {} };
  }
}

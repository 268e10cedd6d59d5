import { resourceKey } from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';

/** Each object's labels by resource key: stored with its findings, for exemption matching. */
export function labelsByKey(
  cluster: string,
  objects: readonly KubernetesObject[],
) {
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

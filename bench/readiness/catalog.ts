/*
 * The catalog a benchmark scan maps its resources to, as the readiness backend maps them.
 */
import type { KubernetesObject } from '@hatchway/plugin-readiness-node';
import {
  entitySelector,
  EntitySelector,
} from '../../plugins/readiness-backend/src/mapping/entitySelectors';
import { ResourceEntityIndex } from '../../plugins/readiness-backend/src/mapping/ResourceEntityIndex';

/**
 * A catalog of one entity per app, found by its `backstage.io/kubernetes-id` label as the backend
 * finds them, owned by a group per namespace; and the resource → entity records a scan maps.
 */
export function entityMapping(objects: readonly KubernetesObject[]) {
  const namespaces = new Map<string, string>();
  for (const object of objects) {
    const id = object.metadata?.labels?.['backstage.io/kubernetes-id'];
    if (id && !namespaces.has(id))
      namespaces.set(id, object.metadata?.namespace ?? 'default');
  }
  const selectors = [...namespaces]
    .map(([id, namespace]) =>
      entitySelector({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: id,
          namespace: 'default',
          annotations: { 'backstage.io/kubernetes-id': id },
        },
        spec: { owner: `group:default/${namespace}` },
      }),
    )
    .filter((s): s is EntitySelector => !!s);
  return {
    entities: selectors.length,
    records: new ResourceEntityIndex(selectors).map('bench', objects),
  };
}

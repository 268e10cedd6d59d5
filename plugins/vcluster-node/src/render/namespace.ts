import type { V1Namespace } from '@kubernetes/client-node';
import {
  MANAGED_BY_HATCHWAY,
  MANAGED_BY_LABEL,
  OWNER_KEY,
  ownerLabelValue,
} from './metadata';

/**
 * The vCluster's host namespace. The chart never creates its namespace (Helm's `--create-namespace`
 * or Argo CD does), so this is Hatchway's own: labelled as Hatchway's with the owner (sanitised,
 * for selectors) and annotated with the exact owner ref.
 */
export function renderNamespace(namespace: string, owner: string): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        [MANAGED_BY_LABEL]: MANAGED_BY_HATCHWAY,
        [OWNER_KEY]: ownerLabelValue(owner),
      },
      annotations: { [OWNER_KEY]: owner },
    },
  };
}

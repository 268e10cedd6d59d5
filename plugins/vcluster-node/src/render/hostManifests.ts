import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { ChartValues } from '../chart/ChartValues';
import type { Release } from './metadata';

/**
 * The objects of `experimental.deploy.host.manifests`, which `templates/manifests.yaml` renders
 * verbatim into the release; like Helm, objects without a namespace land in the release's.
 */
export function renderHostManifests(
  release: Release,
  values: ChartValues,
): KubernetesObject[] {
  const text = values.experimental.deploy.host.manifests;
  if (!text) return [];
  return parseAllDocuments(text)
    .map(doc => doc.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => !!object?.kind)
    .map(object => ({
      ...object,
      metadata: {
        ...object.metadata,
        namespace: object.metadata?.namespace ?? release.namespace,
      },
    }));
}

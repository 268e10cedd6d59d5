import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  VCLUSTER_ANNOTATION,
  VCluster,
} from '@hatchway/plugin-vcluster-common';

/** The location the provider claims its entities under. */
export const PROVIDER_LOCATION = 'vcluster-provider:vcluster';

/**
 * A vCluster as a catalog `Resource` of type `kubernetes-cluster`, so engineers find it in the
 * catalog next to their components. Its lifecycle is the phase, lower-cased. The catalog accepts
 * only absolute link URLs, hence the portal's base URL (`app.baseUrl`).
 */
export function toResourceEntity(
  cluster: VCluster,
  appBaseUrl: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `vcluster-${cluster.name}`,
      namespace: 'default',
      title: `vCluster ${cluster.name}`,
      description: `Virtual cluster ${cluster.name} on ${cluster.cluster} (${cluster.size}), namespace ${cluster.namespace}`,
      annotations: {
        [ANNOTATION_LOCATION]: PROVIDER_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: PROVIDER_LOCATION,
        [VCLUSTER_ANNOTATION]: cluster.name,
      },
      labels: { 'hatchway.dev/host-cluster': cluster.cluster },
      links: [
        {
          url: `${appBaseUrl.replace(
            /\/+$/,
            '',
          )}/vclusters/${encodeURIComponent(cluster.name)}`,
          title: 'vCluster page',
          icon: 'dashboard',
        },
      ],
    },
    spec: {
      type: 'kubernetes-cluster',
      owner: cluster.owner,
      lifecycle: cluster.phase.toLocaleLowerCase('en-US'),
    },
  };
}

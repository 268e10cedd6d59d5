import {
  ApiextensionsV1Api,
  KubeConfig,
  V1CustomResourceDefinition,
} from '@kubernetes/client-node';

/**
 * Argo CD's Application CRD as far as the API server needs it: group, names, version, and a
 * schema that keeps every field. Like Argo CD's own, it has no status subresource: the
 * application controller writes `status` on the object itself.
 */
const applicationCrd: V1CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'applications.argoproj.io' },
  spec: {
    group: 'argoproj.io',
    scope: 'Namespaced',
    names: {
      plural: 'applications',
      singular: 'application',
      kind: 'Application',
      listKind: 'ApplicationList',
      shortNames: ['app', 'apps'],
    },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            x_kubernetes_preserve_unknown_fields: true,
          },
        },
      },
    ],
  },
};

/**
 * Registers the Application CRD, as installing Argo CD does: enough for the API server to store
 * the Applications the `argocd` provisioner writes (no controller syncs them here).
 * @public
 */
export async function installArgoCdCrd(kubeConfig: KubeConfig): Promise<void> {
  await kubeConfig
    .makeApiClient(ApiextensionsV1Api)
    .createCustomResourceDefinition({ body: applicationCrd });
}

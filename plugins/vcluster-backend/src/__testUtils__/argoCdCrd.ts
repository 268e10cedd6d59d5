import { ApiextensionsV1Api, KubeConfig } from '@kubernetes/client-node';

/**
 * Registers Argo CD's Application CRD, as installing Argo CD does: enough for the API server
 * to store the Applications the built-in `argocd` provisioner writes (no controller syncs
 * them). vcluster-node keeps its own copy; its test helpers are not exported.
 */
export async function installArgoCdCrd(kubeConfig: KubeConfig): Promise<void> {
  await kubeConfig
    .makeApiClient(ApiextensionsV1Api)
    .createCustomResourceDefinition({
      body: {
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
      },
    });
}

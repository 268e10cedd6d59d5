import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { unlessNotFound } from './requests';

/**
 * Deletes a namespace and with it everything inside (the control plane, its data volume claim,
 * the kubeconfig Secret, synced workloads). Already gone is fine.
 */
export async function deleteNamespace(
  namespace: string,
  kubeConfig: KubeConfig,
): Promise<void> {
  await unlessNotFound(
    kubeConfig
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace, propagationPolicy: 'Background' }),
  );
}

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

/**
 * Deletes the namespace a failed apply created, so a failed create leaves nothing behind; if that
 * fails too, says so in the error. Returns normally after a successful clean-up: the caller
 * rethrows `cause`.
 */
export async function rollBackNamespace(
  namespace: string,
  kubeConfig: KubeConfig,
  cause: unknown,
): Promise<void> {
  try {
    await deleteNamespace(namespace, kubeConfig);
  } catch (rollbackError) {
    throw new AggregateError(
      [cause, rollbackError],
      `apply failed and deleting namespace ${namespace} failed too; call delete to clean up`,
    );
  }
}

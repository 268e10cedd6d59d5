import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { kubeconfigSecretName } from '../observe/observeControlPlane';
import { vclusterNamespace, VClusterRef } from '../provisioner/types';
import { unlessNotFound } from './requests';

/**
 * The kubeconfig YAML the syncer wrote (Secret `vc-<name>`, key `config`), undefined until it is
 * there. It is a credential: callers hand it to the user and never log it.
 */
export async function readKubeconfigSecret(
  ref: VClusterRef,
  kubeConfig: KubeConfig,
): Promise<string | undefined> {
  const secret = await unlessNotFound(
    kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({
      name: kubeconfigSecretName(ref.name),
      namespace: vclusterNamespace(ref.name),
    }),
  );
  const data = secret?.data?.config;
  return data === undefined
    ? undefined
    : Buffer.from(data, 'base64').toString('utf8');
}

import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { VClusterKubeconfigs } from './SessionService';

/** At most this much kubeconfig is accepted (a Secret holds 1 MiB in all). */
const MAX_KUBECONFIG_BYTES = 256 * 1024;

/**
 * Downloads a vCluster's kubeconfig from the vCluster backend on behalf of the caller, so the
 * vCluster plugin's own permission decides whether the caller may have it.
 */
export function createVClusterKubeconfigs(
  auth: AuthService,
  discovery: DiscoveryService,
): VClusterKubeconfigs {
  return async (name, credentials) => {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'vcluster',
    });
    const base = await discovery.getBaseUrl('vcluster');
    const response = await fetch(
      `${base}/clusters/${encodeURIComponent(name)}/kubeconfig`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (response.ok) {
      const text = await response.text();
      if (!text.trim() || text.length > MAX_KUBECONFIG_BYTES) {
        throw new InputError(`vCluster "${name}" has no usable kubeconfig`);
      }
      return text;
    }
    if ([400, 403, 404, 409].includes(response.status)) {
      throw new InputError(
        `vCluster "${name}" is unknown or its kubeconfig cannot be downloaded (${response.status})`,
      );
    }
    throw new ServiceUnavailableError(
      `The vCluster backend answered ${response.status} for "${name}"`,
    );
  };
}

import type { DiscoveryService } from '@backstage/backend-plugin-api';

/** Resolves the URL a vCluster's kubeconfig is downloaded from. @public */
export type KubeconfigUrlResolver = (name: string) => Promise<string>;

/**
 * The kubeconfig URL as users reach it (the external base URL), for template outputs: the
 * internal URL the actions call the backend on means nothing outside the backend's network.
 * @public
 */
export function createKubeconfigUrlResolver(
  discovery: DiscoveryService,
): KubeconfigUrlResolver {
  return async name =>
    `${await discovery.getExternalBaseUrl(
      'vcluster',
    )}/clusters/${encodeURIComponent(name)}/kubeconfig`;
}

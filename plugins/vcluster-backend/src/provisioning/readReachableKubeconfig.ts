import type { VClusterRef } from '@hatchway/plugin-vcluster-node';
import type { HostCluster } from './HostClusters';
import {
  expandServerTemplate,
  rewriteKubeconfigServer,
} from './kubeconfigServer';

/**
 * The vCluster's kubeconfig with the server others can reach: the configured template, or the
 * Secret's own server when none is configured. Undefined while the Secret is not written.
 * The result is a credential: hand it out, never log or store it.
 */
export async function readReachableKubeconfig(
  host: HostCluster,
  ref: VClusterRef,
): Promise<string | undefined> {
  const yaml = await host.provisioner.readKubeconfig(ref, host.kubeConfig);
  if (!yaml) return undefined;
  const template = host.options.kubeconfigServer;
  return template
    ? rewriteKubeconfigServer(yaml, expandServerTemplate(template, ref))
    : yaml;
}

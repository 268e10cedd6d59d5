import { vclusterNamespace } from '@hatchway/plugin-vcluster-node';
import { parse, stringify } from 'yaml';

/** Where the upstream chart's in-cluster Service answers: `<name>.<namespace>.svc:443`. */
export const IN_CLUSTER_SERVER_TEMPLATE = 'https://{name}.{namespace}.svc:443';

/** Fills `{name}`, `{namespace}` and `{cluster}` into a server template. */
export function expandServerTemplate(
  template: string,
  ref: { name: string; cluster: string },
): string {
  return template
    .replaceAll('{name}', ref.name)
    .replaceAll('{namespace}', vclusterNamespace(ref.name))
    .replaceAll('{cluster}', ref.cluster);
}

/**
 * Sets the server of every cluster entry in a kubeconfig. The vcluster syncer writes
 * `https://localhost:8443` (a port-forward address) unless told otherwise, and some versions
 * ignore `exportKubeConfig.server` (loft-sh/vcluster#2390), so the backend rewrites on the way
 * out instead of trusting the Secret.
 */
export function rewriteKubeconfigServer(yaml: string, server: string): string {
  const doc = parse(yaml) as {
    clusters?: Array<{ cluster?: { server?: string } }>;
  };
  for (const entry of doc?.clusters ?? []) {
    if (entry.cluster) entry.cluster.server = server;
  }
  return stringify(doc);
}

import { Config } from '@backstage/config';
import type { VClusterRenderOptions } from '@hatchway/plugin-vcluster-node';

type ImageDigests = NonNullable<VClusterRenderOptions['imageDigests']>;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The render options every host cluster shares: `vcluster.imageDigests`, `.ingressNamespaces`. */
export function readSharedRenderOptions(
  vcluster: Config | undefined,
): VClusterRenderOptions {
  const render: VClusterRenderOptions = {};
  const imageDigests = readImageDigests(vcluster, 'vcluster.imageDigests');
  if (imageDigests) render.imageDigests = imageDigests;
  const ingress = readIngressNamespaces(vcluster);
  if (ingress) render.ingressNamespaceSelector = ingress;
  return render;
}

/** One host cluster's render options: its own settings over the shared ones. */
export function readHostRenderOptions(
  hostCluster: Config,
  shared: VClusterRenderOptions,
): VClusterRenderOptions {
  const where = `vcluster.hostClusters.${hostCluster.getString('name')}`;
  const render: VClusterRenderOptions = { ...shared };
  const imageDigests = {
    ...shared.imageDigests,
    ...readImageDigests(hostCluster, `${where}.imageDigests`),
  };
  if (Object.keys(imageDigests).length) render.imageDigests = imageDigests;
  const ingress = readIngressNamespaces(hostCluster);
  if (ingress) render.ingressNamespaceSelector = ingress;
  const binding = hostCluster.getOptionalConfig('managerRoleBinding');
  if (binding) {
    render.managerRoleBinding = {
      clusterRole: binding.getString('clusterRole'),
      serviceAccount: {
        namespace: binding.getString('serviceAccount.namespace'),
        name: binding.getString('serviceAccount.name'),
      },
    };
  }
  return render;
}

/** `imageDigests` under `config`, each a `sha256:` digest; `where` names it in errors. */
function readImageDigests(
  config: Config | undefined,
  where: string,
): ImageDigests | undefined {
  const digests = config?.getOptionalConfig('imageDigests');
  if (!digests) return undefined;
  const result: ImageDigests = {};
  for (const image of ['controlPlane', 'kubernetes'] as const) {
    const digest = digests.getOptionalString(image);
    if (digest === undefined) continue;
    if (!DIGEST.test(digest)) {
      throw new Error(
        `${where}.${image} must be a digest like sha256:<64 hex digits>, got '${digest}'`,
      );
    }
    result[image] = digest;
  }
  return Object.keys(result).length ? result : undefined;
}

/**
 * `ingressNamespaces` as the isolation NetworkPolicy's namespace selector: the namespaces whose
 * pods may reach a vCluster's API server, by the `kubernetes.io/metadata.name` label Kubernetes
 * puts on every namespace.
 */
function readIngressNamespaces(
  config: Config | undefined,
): VClusterRenderOptions['ingressNamespaceSelector'] {
  const names = config?.getOptionalStringArray('ingressNamespaces');
  if (!names?.length) return undefined;
  return {
    matchExpressions: [
      { key: 'kubernetes.io/metadata.name', operator: 'In', values: names },
    ],
  };
}

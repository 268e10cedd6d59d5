import type { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  ArgoCdOptions,
  ArgoCdProvisioner,
  DirectProvisioner,
  VClusterProvisioner,
  VClusterProvisionerRegistry,
  VClusterRef,
} from '@hatchway/plugin-vcluster-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '@backstage/errors';
import type { HostClusterOptions } from '../config/readVClusterConfig';

/** A host cluster with its provisioner and credentials, ready to act on. @internal */
export interface HostCluster {
  options: HostClusterOptions;
  provisioner: VClusterProvisioner;
  kubeConfig: KubeConfig;
}

/**
 * The configured host clusters, each bound to its provisioner. Built once at start so a
 * provisioner type no module registered fails the start-up, not the first create.
 */
export class HostClusters {
  static create(
    hostClusters: HostClusterOptions[],
    provisioners: Pick<VClusterProvisionerRegistry, 'types' | 'get'>,
    clusterAccess: ClusterAccessService,
    argoCd: ArgoCdOptions = {},
  ): HostClusters {
    const bound = new Map<string, HostCluster>();
    for (const options of hostClusters) {
      if (!provisioners.types().includes(options.provisioner)) {
        throw new Error(
          `vcluster.hostClusters '${options.name}' asks for provisioner '${
            options.provisioner
          }', but only these are registered: ${
            provisioners.types().join(', ') || 'none'
          }`,
        );
      }
      bound.set(options.name, {
        options,
        provisioner: bindProvisioner(options, provisioners, argoCd),
        kubeConfig: clusterAccess.getKubeConfig(options.name),
      });
    }
    return new HostClusters(bound);
  }

  private constructor(private readonly clusters: Map<string, HostCluster>) {}

  names(): string[] {
    return [...this.clusters.keys()];
  }

  /** The host cluster; an InputError (400) names the allowed ones. */
  get(name: string): HostCluster {
    const cluster = this.clusters.get(name);
    if (!cluster) {
      throw new InputError(
        `'${name}' is not a vCluster host cluster; use one of: ${this.names().join(
          ', ',
        )}`,
      );
    }
    return cluster;
  }

  /** The host cluster of an existing vCluster, or undefined when config dropped it. */
  find(ref: VClusterRef): HostCluster | undefined {
    return this.clusters.get(ref.cluster);
  }
}

/**
 * The provisioner of one host cluster. The built-in ones take platform choices that may differ
 * per host cluster (image digests, the portal's RoleBinding), so a host cluster that sets any
 * gets its own instance; the rest share the registered one.
 */
function bindProvisioner(
  options: HostClusterOptions,
  provisioners: Pick<VClusterProvisionerRegistry, 'get'>,
  argoCd: ArgoCdOptions,
): VClusterProvisioner {
  const { render } = options;
  if (Object.keys(render).length) {
    if (options.provisioner === 'direct') {
      return DirectProvisioner.create({ render });
    }
    if (options.provisioner === 'argocd') {
      return ArgoCdProvisioner.create({ argoCd, render });
    }
  }
  return provisioners.get(options.provisioner);
}

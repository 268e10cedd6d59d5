import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import os from 'node:os';
import { ClusterEntry, readClusters } from './readClusters';
import { resolveKubeConfig, ResolverEnvironment } from './resolveKubeConfig';
import {
  ClusterAccessService,
  CredentialSource,
  HatchwayCluster,
} from './types';

/**
 * The cluster list from `kubernetes.clusterLocatorMethods`, with credentials resolved per call
 * so that rotated tokens and edited kubeconfig files are picked up without a restart.
 * @public
 */
export class DefaultClusterAccessService implements ClusterAccessService {
  static fromConfig(
    config: Config,
    environment: Partial<ResolverEnvironment> = {},
  ): DefaultClusterAccessService {
    return new DefaultClusterAccessService(readClusters(config), {
      fsRoot: environment.fsRoot ?? '/',
      env: environment.env ?? process.env,
      homeDir: environment.homeDir ?? os.homedir(),
      kubeconfigPath:
        environment.kubeconfigPath ??
        config.getOptionalString('hatchway.clusterAccess.kubeconfigPath'),
    });
  }

  private constructor(
    private readonly clusters: ClusterEntry[],
    private readonly environment: ResolverEnvironment,
  ) {}

  listClusters(): HatchwayCluster[] {
    return this.clusters.map(({ name, title, url }) => ({ name, title, url }));
  }

  getCluster(name: string): HatchwayCluster {
    const { title, url } = this.entry(name);
    return { name, title, url };
  }

  getKubeConfig(name: string): KubeConfig {
    return resolveKubeConfig(this.entry(name), this.environment).kubeConfig;
  }

  getCredentialSource(name: string): CredentialSource {
    return resolveKubeConfig(this.entry(name), this.environment).source;
  }

  private entry(name: string): ClusterEntry {
    const entry = this.clusters.find(c => c.name === name);
    if (!entry) {
      const known = this.clusters.map(c => c.name).join(', ') || 'none';
      throw new NotFoundError(
        `Cluster "${name}" is not configured (configured clusters: ${known})`,
      );
    }
    return entry;
  }
}

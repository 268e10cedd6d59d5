import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * A cluster entry as the Backstage Kubernetes plugin reads it from
 * `kubernetes.clusterLocatorMethods`, reduced to what Hatchway needs to connect.
 */
export interface ClusterEntry {
  name: string;
  title: string;
  url?: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
  caFile?: string;
  /** Reached without credentials, as through `kubectl proxy`. */
  anonymous: boolean;
}

const CLUSTER_NAME = /^[\w.-]+$/;

/** Port kubectl proxy listens on, as the Kubernetes plugin's `localKubectlProxy` assumes. */
const KUBECTL_PROXY_URL = 'http://localhost:8001';

/**
 * Reads the cluster list from the same config the Backstage Kubernetes plugin uses, so a
 * platform team configures clusters once. Locator types that discover clusters at run time
 * (catalog, gke) are ignored here: Hatchway acts only on clusters named in config.
 */
export function readClusters(config: Config): ClusterEntry[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterEntry[] = [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      clusters.push({
        name: 'local',
        title: 'local',
        url: KUBECTL_PROXY_URL,
        skipTLSVerify: false,
        anonymous: true,
      });
    } else if (type === 'config') {
      for (const c of method.getOptionalConfigArray('clusters') ?? []) {
        const name = c.getString('name');
        clusters.push({
          name,
          title: c.getOptionalString('title') ?? name,
          url: c.getOptionalString('url'),
          serviceAccountToken: c.getOptionalString('serviceAccountToken'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          anonymous: false,
        });
      }
    }
  }

  const seen = new Set<string>();
  for (const { name } of clusters) {
    if (seen.has(name)) {
      throw new InputError(
        `Cluster name "${name}" appears twice in kubernetes.clusterLocatorMethods; names must be unique`,
      );
    }
    if (!CLUSTER_NAME.test(name)) {
      throw new InputError(
        `Cluster name "${name}" must contain only letters, digits, '.', '_' and '-'`,
      );
    }
    seen.add(name);
  }
  return clusters;
}

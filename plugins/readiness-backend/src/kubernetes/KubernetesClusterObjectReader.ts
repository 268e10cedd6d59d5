import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import {
  ApisApi,
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  ServerConfiguration,
  V1APIGroup,
} from '@kubernetes/client-node';
import { LISTED_KINDS, ListedKind, PAGE_SIZE } from './kinds';
import { describeError } from './describeError';
import { RawBodyCapture } from './RawBodyCapture';
import { ClusterObjectReader, ClusterObjects, ReadOptions } from './types';

interface RawList {
  items?: KubernetesObject[];
  metadata?: { continue?: string };
}

function apiVersionOf(group: string, version: string) {
  return group ? `${group}/${version}` : version;
}

/** Versions of an optional kind's group the cluster serves, its preferred version first. */
function servedVersions(spec: ListedKind, groups: V1APIGroup[]): string[] {
  const group = groups.find(g => g.name === spec.group);
  if (!group) return [];
  const preferred = group.preferredVersion?.version;
  const versions = group.versions.map(v => v.version);
  return preferred
    ? [preferred, ...versions.filter(v => v !== preferred)]
    : versions;
}

/** client-node's generic client, with its cached discovery (protected there) made callable. */
class DiscoveringObjectApi extends KubernetesObjectApi {
  /** Whether the cluster serves the kind under the API version. */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resource(apiVersion, kind)) !== undefined;
  }
}

/** A client whose responses are also kept raw, for one cluster and one scan. */
function connect(kubeConfig: KubeConfig) {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('The kubeconfig names no current cluster');
  const capture = new RawBodyCapture();
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [capture],
  });
  return {
    capture,
    objects: new DiscoveringObjectApi(configuration),
    apis: new ApisApi(configuration),
  };
}

/**
 * Lists the kinds the checks read through client-node, in pages of {@link PAGE_SIZE} with
 * `limit`/`continue`, using the credentials cluster access resolves.
 */
export class KubernetesClusterObjectReader implements ClusterObjectReader {
  constructor(private readonly clusterAccess: ClusterAccessService) {}

  async read(
    cluster: string,
    signal?: AbortSignal,
    options: ReadOptions = {},
  ): Promise<ClusterObjects> {
    const client = connect(this.clusterAccess.getKubeConfig(cluster));
    const { groups } = await client.apis.getAPIVersions();
    const result: ClusterObjects = {
      objects: [],
      listedKinds: [],
      warnings: [],
    };
    for (const spec of LISTED_KINDS) {
      signal?.throwIfAborted();
      if (spec.platform && !options.platform) continue;
      // Discovery of /apis does not cover the core group: its optional kinds name their versions.
      const versions =
        spec.optional && spec.group
          ? servedVersions(spec, groups)
          : spec.versions ?? [];
      let apiVersion: string | undefined;
      for (const version of versions) {
        const candidate = apiVersionOf(spec.group, version);
        if (await client.objects.serves(candidate, spec.kind)) {
          apiVersion = candidate;
          break;
        }
      }
      if (!apiVersion) {
        if (!spec.optional) {
          throw new Error(
            `The cluster does not serve ${spec.kind} (${versions
              .map(v => apiVersionOf(spec.group, v))
              .join(', ')})`,
          );
        }
        continue;
      }
      try {
        result.objects.push(
          ...(await this.list(client, apiVersion, spec, signal)),
        );
        result.listedKinds.push(`${apiVersion}/${spec.kind}`);
      } catch (error) {
        if (!spec.optional) throw error;
        // A missing RBAC grant for a CRD must not cost the whole scan.
        result.warnings.push(
          `Could not list ${apiVersion} ${spec.kind}: ${describeError(error)}`,
        );
      }
    }
    return result;
  }

  private async list(
    client: ReturnType<typeof connect>,
    apiVersion: string,
    { kind, fieldSelector, metadataOnly }: ListedKind,
    signal?: AbortSignal,
  ): Promise<KubernetesObject[]> {
    const objects: KubernetesObject[] = [];
    let continueToken: string | undefined;
    do {
      signal?.throwIfAborted();
      await client.objects.list(
        apiVersion,
        kind,
        undefined,
        undefined,
        undefined,
        undefined,
        fieldSelector,
        undefined,
        PAGE_SIZE,
        continueToken,
      );
      const page = client.capture.take<RawList>();
      // Items of a list carry neither apiVersion nor kind.
      for (const item of page.items ?? []) {
        objects.push(
          metadataOnly
            ? {
                apiVersion,
                kind,
                metadata: {
                  name: item.metadata?.name,
                  labels: item.metadata?.labels,
                },
              }
            : { ...item, apiVersion, kind },
        );
      }
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return objects;
  }
}

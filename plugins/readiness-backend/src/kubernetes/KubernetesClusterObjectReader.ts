import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  KubernetesObject,
  redactConfigMap,
} from '@hatchway/plugin-readiness-node';
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
  metadata?: { continue?: string; resourceVersion?: string };
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
  /** The resource (plural name, namespaced) serving the kind under the API version, if any. */
  async served(apiVersion: string, kind: string) {
    return this.resource(apiVersion, kind);
  }
}

/** A client whose responses are also kept raw, for one cluster and one scan or watcher. */
export type RawClusterClient = ReturnType<typeof connect>;

/** Connects to a cluster with client-node, keeping list responses exactly as sent. */
export function connect(kubeConfig: KubeConfig) {
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

/** A listed kind the cluster serves, with the API version and resource path it is served at. */
export interface ServedKind {
  spec: ListedKind;
  apiVersion: string;
  /** The collection's path across namespaces, e.g. `/apis/apps/v1/deployments`. */
  path: string;
  namespaced: boolean;
}

/**
 * The kinds to list on the cluster, in {@link LISTED_KINDS} order. Throws when the cluster does
 * not serve a built-in kind: checks judged on half the picture would pass or fail wrongly.
 */
export async function servedKinds(
  client: RawClusterClient,
  options: ReadOptions & { signal?: AbortSignal } = {},
): Promise<ServedKind[]> {
  const { groups } = await client.apis.getAPIVersions();
  const result: ServedKind[] = [];
  for (const spec of LISTED_KINDS) {
    options.signal?.throwIfAborted();
    if (spec.platform && !options.platform) continue;
    // Discovery of /apis does not cover the core group: its optional kinds name their versions.
    const versions =
      spec.optional && spec.group
        ? servedVersions(spec, groups)
        : spec.versions ?? [];
    let served: ServedKind | undefined;
    for (const version of versions) {
      const apiVersion = apiVersionOf(spec.group, version);
      const resource = await client.objects.served(apiVersion, spec.kind);
      if (resource) {
        const prefix = spec.group ? `/apis/${apiVersion}` : `/api/${version}`;
        served = {
          spec,
          apiVersion,
          path: `${prefix}/${resource.name}`,
          namespaced: resource.namespaced,
        };
        break;
      }
    }
    if (served) {
      result.push(served);
    } else if (!spec.optional) {
      throw new Error(
        `The cluster does not serve ${spec.kind} (${versions
          .map(v => apiVersionOf(spec.group, v))
          .join(', ')})`,
      );
    }
  }
  return result;
}

/**
 * Every object of a kind, in pages of {@link PAGE_SIZE}, with the list's resourceVersion (the
 * point a watch resumes from). `map` turns each raw item into what is kept.
 */
export async function listKind(
  client: RawClusterClient,
  { spec, apiVersion }: ServedKind,
  options: {
    signal?: AbortSignal;
    map?: (object: KubernetesObject) => KubernetesObject;
  } = {},
): Promise<{ items: KubernetesObject[]; resourceVersion: string }> {
  const { kind, fieldSelector, metadataOnly } = spec;
  const items: KubernetesObject[] = [];
  let continueToken: string | undefined;
  let resourceVersion = '';
  do {
    options.signal?.throwIfAborted();
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
      const object: KubernetesObject = metadataOnly
        ? {
            apiVersion,
            kind,
            metadata: {
              name: item.metadata?.name,
              labels: item.metadata?.labels,
            },
          }
        : { ...item, apiVersion, kind };
      // A ConfigMap's values never stay in memory: only what the checks judge them by.
      const kept = redactConfigMap(object);
      items.push(options.map ? options.map(kept) : kept);
    }
    // Every page of a paged list is of the same snapshot; the first names it.
    resourceVersion ||= page.metadata?.resourceVersion ?? '';
    continueToken = page.metadata?.continue || undefined;
  } while (continueToken);
  return { items, resourceVersion };
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
    const result: ClusterObjects = {
      objects: [],
      listedKinds: [],
      warnings: [],
    };
    for (const served of await servedKinds(client, { ...options, signal })) {
      try {
        const { items } = await listKind(client, served, { signal });
        result.objects.push(...items);
        result.listedKinds.push(`${served.apiVersion}/${served.spec.kind}`);
      } catch (error) {
        if (!served.spec.optional) throw error;
        // A missing RBAC grant for a CRD must not cost the whole scan.
        result.warnings.push(
          `Could not list ${served.apiVersion} ${
            served.spec.kind
          }: ${describeError(error)}`,
        );
      }
    }
    return result;
  }
}

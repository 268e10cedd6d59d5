import type {
  CreateVClusterRequest,
  ListVClustersQuery,
  ListVClustersResponse,
  VCluster,
  VClusterAuditEvent,
  VClusterOwnerUsage,
  VClusterPortalConfig,
} from '../types';
import { toResponseError } from './responseError';

/** The backend plugin id the discovery API resolves. */
const PLUGIN_ID = 'vcluster';

/** The part of Backstage's `DiscoveryApi` (or `DiscoveryService`) the client uses. @public */
export interface VClusterDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The part of Backstage's `FetchApi` the client uses. Backend callers pass a fetch that adds a
 * service token; browsers pass the app's fetchApi, which adds the user's.
 * @public
 */
export interface VClusterFetch {
  fetch: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/**
 * Typed client of the vCluster backend, for the frontend plugin and the scaffolder actions.
 * Failed requests throw `ResponseError` from `@backstage/errors` carrying the backend's message.
 * @public
 */
export class VClusterClient {
  private readonly discoveryApi: VClusterDiscovery;
  private readonly fetchApi: VClusterFetch;

  constructor(options: {
    discoveryApi: VClusterDiscovery;
    fetchApi: VClusterFetch;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** One page of vClusters. */
  async list(query: ListVClustersQuery = {}): Promise<ListVClustersResponse> {
    return this.json('GET', '/clusters', { query: { ...query } });
  }

  async get(name: string): Promise<VCluster> {
    return this.json('GET', clusterPath(name));
  }

  /** Accepts the vCluster and answers at once with phase `Provisioning`. */
  async create(request: CreateVClusterRequest): Promise<VCluster> {
    return this.json('POST', '/clusters', { body: request });
  }

  async delete(name: string): Promise<void> {
    await this.send('DELETE', clusterPath(name));
  }

  async sleep(name: string): Promise<void> {
    await this.send('POST', `${clusterPath(name)}/sleep`);
  }

  async wake(name: string): Promise<void> {
    await this.send('POST', `${clusterPath(name)}/wake`);
  }

  /** Sets the TTL to `ttlHours` from now. */
  async extendTtl(name: string, ttlHours: number): Promise<VCluster> {
    return this.json('POST', `${clusterPath(name)}/ttl`, {
      body: { ttlHours },
    });
  }

  /** The download URL; it needs the caller's credentials, so browsers use `downloadKubeconfig`. */
  async kubeconfigUrl(name: string): Promise<string> {
    return `${await this.baseUrl()}${clusterPath(name)}/kubeconfig`;
  }

  /** The kubeconfig YAML of a Ready vCluster. */
  async downloadKubeconfig(name: string): Promise<string> {
    const response = await this.send('GET', `${clusterPath(name)}/kubeconfig`);
    return response.text();
  }

  async getConfig(): Promise<VClusterPortalConfig> {
    return this.json('GET', '/config');
  }

  /** The audit log (admins only). */
  async listAudit(
    query: { cluster?: string; limit?: number } = {},
  ): Promise<{ items: VClusterAuditEvent[] }> {
    return this.json('GET', '/audit', { query });
  }

  /** Usage totals per owner (admins only). */
  async getUsage(): Promise<{ items: VClusterOwnerUsage[] }> {
    return this.json('GET', '/usage');
  }

  private async baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl(PLUGIN_ID);
  }

  private async json<T>(
    method: string,
    path: string,
    options?: { query?: Query; body?: unknown },
  ): Promise<T> {
    const response = await this.send(method, path, options);
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<Response> {
    const url = `${await this.baseUrl()}${path}${queryString(options.query)}`;
    const init: RequestInit = { method };
    if (options.body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) throw await toResponseError(response);
    return response;
  }
}

function clusterPath(name: string): string {
  return `/clusters/${encodeURIComponent(name)}`;
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

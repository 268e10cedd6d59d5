import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { ExportQuery, ReadinessApi } from './ReadinessApi';
import { toResponseError } from './responseError';
import type {
  CreateReadinessExemptionRequest,
  EffectiveCheck,
  ExportFormat,
  FindingsQuery,
  ReadinessCluster,
  ReadinessEntityPlatformResponse,
  ReadinessEntityResponse,
  ReadinessExemption,
  ReadinessFinding,
  ReadinessFindingsResponse,
  ReadinessPlatformResponse,
  PodSecurityFilter,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityResponse,
  ReadinessScope,
  ReadinessSummary,
  TrendWindow,
} from './types';

/** The backend plugin id the discovery API resolves. */
const PLUGIN_ID = 'readiness';

type QueryValue = string | number | undefined;

/**
 * Talks to the readiness backend through the discovery and fetch APIs, so the base URL and the
 * caller's credentials come from the app, never from this code.
 * @public
 */
export class ReadinessClient implements ReadinessApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<ReadinessCluster[]> {
    return listOf(await this.getJson('/clusters'));
  }

  async getSummary(
    scope: ReadinessScope,
    options?: { days?: TrendWindow },
  ): Promise<ReadinessSummary> {
    return this.getJson('/summary', { ...scope, days: options?.days });
  }

  async getEntityReadiness(
    entity: CompoundEntityRef,
    options?: { days?: TrendWindow },
  ): Promise<ReadinessEntityResponse | undefined> {
    const response = await this.request(entityPath('entities', entity), {
      days: options?.days,
    });
    // An entity the backend does not know; one without mapped resources answers 200, empty.
    if (response.status === 404) return undefined;
    return readJson(response);
  }

  async getFindings(query: FindingsQuery): Promise<ReadinessFindingsResponse> {
    const body = await this.getJson<Partial<ReadinessFindingsResponse>>(
      '/findings',
      { ...query },
    );
    const items = listOf<ReadinessFinding>(body);
    return {
      items,
      totalCount: body.totalCount ?? items.length,
      limit: body.limit ?? query.limit ?? items.length,
      offset: body.offset ?? query.offset ?? 0,
    };
  }

  async getChecks(): Promise<EffectiveCheck[]> {
    return listOf(await this.getJson('/checks'));
  }

  async getExemptions(): Promise<ReadinessExemption[]> {
    return listOf(await this.getJson('/exemptions'));
  }

  async createExemption(
    request: CreateReadinessExemptionRequest,
  ): Promise<ReadinessExemption> {
    const response = await this.request('/exemptions', undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    const body = await readJson<{ exemption?: ReadinessExemption }>(response);
    // `{ exemption, audit }`; a bare exemption is accepted too.
    return body.exemption ?? (body as ReadinessExemption);
  }

  async deleteExemption(id: string): Promise<void> {
    const response = await this.request(
      `/exemptions/${encodeURIComponent(id)}`,
      undefined,
      { method: 'DELETE' },
    );
    if (!response.ok) throw await toResponseError(response);
  }

  async getExportUrl(
    format: ExportFormat,
    query: ExportQuery,
  ): Promise<string> {
    return this.url('/export', { format, ...query });
  }

  async downloadExport(
    format: ExportFormat,
    query: ExportQuery,
  ): Promise<Blob> {
    const response = await this.request('/export', { format, ...query });
    if (!response.ok) throw await toResponseError(response);
    return response.blob();
  }

  async getPlatform(
    cluster: string,
    options?: { days?: number },
  ): Promise<ReadinessPlatformResponse> {
    return this.getJson('/platform', { cluster, days: options?.days });
  }

  async getEntityPlatform(
    entity: CompoundEntityRef,
  ): Promise<ReadinessEntityPlatformResponse> {
    const response = await this.request(
      entityPath('platform/entities', entity),
    );
    // A backend from before the platform board has no such route: the entity shows nothing.
    if (response.status === 404) {
      return { entityRef: stringifyEntityRef(entity), items: [] };
    }
    return readJson(response);
  }

  async getPodSecurity(
    filter: PodSecurityFilter,
  ): Promise<ReadinessPodSecurityResponse> {
    const body = await this.getJson<Partial<ReadinessPodSecurityResponse>>(
      '/pod-security',
      { ...filter },
    );
    return { filters: body.filters ?? filter, items: listOf(body) };
  }

  async getPodSecurityExportUrl(
    format: ReadinessPodSecurityExportFormat,
    filter: PodSecurityFilter,
  ): Promise<string> {
    return this.url('/pod-security/export', { format, ...filter });
  }

  async downloadPodSecurityExport(
    format: ReadinessPodSecurityExportFormat,
    filter: PodSecurityFilter,
  ): Promise<Blob> {
    const response = await this.request('/pod-security/export', {
      format,
      ...filter,
    });
    if (!response.ok) throw await toResponseError(response);
    return response.blob();
  }

  private async getJson<T>(
    path: string,
    query?: Record<string, QueryValue>,
  ): Promise<T> {
    return readJson(await this.request(path, query));
  }

  private async request(
    path: string,
    query?: Record<string, QueryValue>,
    init?: RequestInit,
  ): Promise<Response> {
    return this.fetchApi.fetch(await this.url(path, query), init);
  }

  private async url(
    path: string,
    query: Record<string, QueryValue> = {},
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      // Empty filters mean "any", so they are left out rather than sent as `key=`.
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}

/** `/prefix/kind/namespace/name`, the kind lower-cased as the backend's entity routes expect. */
function entityPath(prefix: string, entity: CompoundEntityRef): string {
  const parts = [
    entity.kind.toLocaleLowerCase('en-US'),
    entity.namespace,
    entity.name,
  ].map(encodeURIComponent);
  return `/${prefix}/${parts.join('/')}`;
}

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toResponseError(response);
  return (await response.json()) as T;
}

/** Lists come back either bare or as `{ items }`; accept both. */
function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

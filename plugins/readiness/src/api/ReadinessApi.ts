import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CreateReadinessExemptionRequest,
  EffectiveCheck,
  ExportFormat,
  FindingsQuery,
  ReadinessCluster,
  ReadinessEntityPlatformResponse,
  ReadinessEntityResponse,
  ReadinessExemption,
  ReadinessFindingsQuery,
  ReadinessFindingsResponse,
  ReadinessPlatformResponse,
  PodSecurityFilter,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityResponse,
  ReadinessScope,
  ReadinessSummary,
  TrendWindow,
} from './types';

/** What an export covers: the findings filters without paging. @public */
export type ExportQuery = ReadinessFindingsQuery;

/**
 * The readiness backend (`/api/readiness`) as the pages use it. Failed requests reject with a
 * `ResponseError` from `@backstage/errors` whose `cause.message` is the backend's own message.
 * @public
 */
export interface ReadinessApi {
  /** Every configured cluster with its latest scans and score. */
  getClusters(): Promise<ReadinessCluster[]>;
  /**
   * The score of a cluster, namespace or owning team. `days` asks for the trend over that
   * window; leave it out for a backend that serves no summary trends (it rejects the key).
   */
  getSummary(
    scope: ReadinessScope,
    options?: { days?: TrendWindow },
  ): Promise<ReadinessSummary>;
  /** An entity's readiness, or `undefined` when the backend does not know the entity (404). */
  getEntityReadiness(
    entity: CompoundEntityRef,
    options?: { days?: TrendWindow },
  ): Promise<ReadinessEntityResponse | undefined>;
  getFindings(query: FindingsQuery): Promise<ReadinessFindingsResponse>;
  /** The checks catalogue, as the configured profile and overrides leave it. */
  getChecks(): Promise<EffectiveCheck[]>;
  getExemptions(): Promise<ReadinessExemption[]>;
  createExemption(
    request: CreateReadinessExemptionRequest,
  ): Promise<ReadinessExemption>;
  deleteExemption(id: string): Promise<void>;
  /** The export's address, for people to copy; fetching it needs the caller's credentials. */
  getExportUrl(format: ExportFormat, query: ExportQuery): Promise<string>;
  /** The export itself, fetched with the caller's credentials. */
  downloadExport(format: ExportFormat, query: ExportQuery): Promise<Blob>;
  /**
   * A cluster's platform board: its expected components' live status, the readiness
   * percentage and its history over `days` (the backend's default is 30).
   */
  getPlatform(
    cluster: string,
    options?: { days?: number },
  ): Promise<ReadinessPlatformResponse>;
  /** The platform components an entity shows the status of; `items` is empty when none. */
  getEntityPlatform(
    entity: CompoundEntityRef,
  ): Promise<ReadinessEntityPlatformResponse>;
  /**
   * Each scanned namespace's Pod Security labels, the strictest level its workloads meet and
   * what a stricter level would refuse.
   */
  getPodSecurity(
    filter: PodSecurityFilter,
  ): Promise<ReadinessPodSecurityResponse>;
  /** The Pod Security export's address, for people to copy. */
  getPodSecurityExportUrl(
    format: ReadinessPodSecurityExportFormat,
    filter: PodSecurityFilter,
  ): Promise<string>;
  /** The Pod Security export, fetched with the caller's credentials. */
  downloadPodSecurityExport(
    format: ReadinessPodSecurityExportFormat,
    filter: PodSecurityFilter,
  ): Promise<Blob>;
}

/** @public */
export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.readiness.api',
});

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CreateReadinessExemptionRequest,
  ReadinessAuditResponse,
  ReadinessChecksResponse,
  ReadinessClustersResponse,
  ReadinessEntityResponse,
  ReadinessExemption,
  ReadinessExemptionResponse,
  ReadinessExemptionsResponse,
  ReadinessExportFormat,
  ReadinessFindingsQuery,
  ReadinessFindingsResponse,
  ReadinessScan,
  ReadinessSummaryResponse,
} from '@hatchway/plugin-readiness-common';

/** The time services judge expiries and days by; tests may pin it. */
export type Clock = () => Date;

/** Runs scans. */
export interface ScanService {
  /**
   * Scans a cluster now, after any scan of it already running in this backend, and returns the
   * finished scan: `succeeded`, or `failed` with the error and earlier results left in place.
   * Throws NotFoundError for a cluster that is not configured.
   */
  scan(
    cluster: string,
    options?: { signal?: AbortSignal },
  ): Promise<ReadinessScan>;
}

/** Reads stored results. */
export interface ReadinessQueryService {
  /** `GET /clusters`: each cluster with its latest scans, score and live re-scoring state. */
  clusters(): Promise<ReadinessClustersResponse>;
  /** The scope's score now, and its trend over `days` from the daily snapshots. */
  summary(query: {
    cluster?: string;
    namespace?: string;
    owner?: string;
    days: number;
  }): Promise<ReadinessSummaryResponse>;
  /** Throws NotFoundError when the catalog has no such entity. */
  entity(query: {
    kind: string;
    namespace: string;
    name: string;
    days: number;
  }): Promise<ReadinessEntityResponse>;
  findings(
    query: ReadinessFindingsQuery & { limit: number; offset: number },
  ): Promise<ReadinessFindingsResponse>;
  checks(): ReadinessChecksResponse;
}

/** Creates and deletes exemptions; every change is audited with the caller. */
export interface ExemptionService {
  list(): Promise<ReadinessExemptionsResponse>;
  /** Throws NotFoundError for an unknown id. */
  get(id: string): Promise<ReadinessExemptionResponse>;
  /** Who created and deleted exemptions, deleted ones included. */
  audit(query: {
    exemptionId?: string;
    limit: number;
  }): Promise<ReadinessAuditResponse>;
  /** Throws InputError naming every problem with the request. */
  create(
    request: CreateReadinessExemptionRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<ReadinessExemption>;
  /** Throws NotFoundError for an unknown id. */
  delete(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<void>;
}

/** A rendered export, ready to send. */
export interface ReadinessExport {
  contentType: string;
  filename: string;
  body: string;
}

/** Renders stored findings in report formats. */
export interface ExportService {
  export(
    format: ReadinessExportFormat,
    query: ReadinessFindingsQuery,
  ): Promise<ReadinessExport>;
}

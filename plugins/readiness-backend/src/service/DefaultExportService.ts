import {
  ReadinessExportFormat,
  ReadinessFindingsQuery,
} from '@hatchway/plugin-readiness-common';
import {
  ReportableEvaluation,
  scoreFindings,
  toPolicyReport,
  toSarif,
} from '@hatchway/plugin-readiness-node';
import { ReadinessOptions } from '../config/readReadinessConfig';
import { ReadinessStore } from '../database/types';
import { CheckCatalog } from './CheckCatalog';
import { toCsv } from './csv';
import { toFindingFilter } from './DefaultReadinessQueryService';
import { Clock, ExportService, ReadinessExport } from './types';

const CONTENT_TYPES: Record<ReadinessExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  policyreport: 'application/json; charset=utf-8',
};

const EXTENSIONS: Record<ReadinessExportFormat, string> = {
  csv: 'csv',
  json: 'json',
  sarif: 'sarif',
  policyreport: 'policyreport.json',
};

/** A DNS-label-safe name for the PolicyReport object. */
function reportName(cluster: string | undefined): string {
  const suffix = (cluster ?? 'all-clusters')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `hatchway-readiness-${suffix}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * Renders stored findings with the engine's own report formatters (SARIF 2.1.0, PolicyReport)
 * plus JSON and CSV.
 * @internal
 */
export class DefaultExportService implements ExportService {
  constructor(
    private readonly deps: {
      store: ReadinessStore;
      catalog: CheckCatalog;
      options: Pick<ReadinessOptions, 'levels'>;
      clock: Clock;
    },
  ) {}

  async export(
    format: ReadinessExportFormat,
    query: ReadinessFindingsQuery,
  ): Promise<ReadinessExport> {
    const { store, catalog, options } = this.deps;
    const now = this.deps.clock();
    const { items } = await store.findings.list(toFindingFilter(query), now);
    const result: ReportableEvaluation = {
      profile: catalog.profile,
      evaluatedAt: now.toISOString(),
      checks: catalog.checks,
      findings: items,
      score: scoreFindings(items, options.levels),
      warnings: [],
    };
    const bodies: Record<ReadinessExportFormat, () => string> = {
      csv: () => toCsv(items, catalog),
      json: () =>
        JSON.stringify({ ...result, filters: query, findings: items }, null, 2),
      sarif: () => JSON.stringify(toSarif(result), null, 2),
      policyreport: () =>
        JSON.stringify(
          toPolicyReport(result, { name: reportName(query.cluster) }),
          null,
          2,
        ),
    };
    const day = now.toISOString().slice(0, 10);
    return {
      contentType: CONTENT_TYPES[format],
      filename: `readiness-${query.cluster ?? 'all-clusters'}-${day}.${
        EXTENSIONS[format]
      }`,
      body: bodies[format](),
    };
  }
}

import type { ExportQuery, ReadinessApi } from '../../api/ReadinessApi';
import {
  EXPORT_FORMATS,
  ExportFormat,
  PodSecurityFilter,
  ReadinessPodSecurityExportFormat,
} from '../../api/types';
import type { ExportSource } from './ExportLinks';

/** File endings by findings export format; SARIF and PolicyReport say what they are. */
const FINDINGS_EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  json: 'json',
  sarif: 'sarif.json',
  policyreport: 'policyreport.yaml',
};

const POD_SECURITY_FORMATS: ReadonlyArray<{
  format: ReadinessPodSecurityExportFormat;
  label: string;
}> = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
];

/** The findings the Workloads view shows, as CSV, JSON, SARIF or a PolicyReport. */
export function findingsExport(
  api: ReadinessApi,
  query: ExportQuery,
): ExportSource<ExportFormat> {
  return {
    formats: EXPORT_FORMATS,
    key: JSON.stringify(query),
    url: format => api.getExportUrl(format, query),
    download: format => api.downloadExport(format, query),
    filename: format =>
      `readiness-${query.cluster ?? 'all'}.${FINDINGS_EXTENSIONS[format]}`,
  };
}

/** The Pod Security view's namespaces, as CSV or JSON. */
export function podSecurityExport(
  api: ReadinessApi,
  filter: PodSecurityFilter,
): ExportSource<ReadinessPodSecurityExportFormat> {
  return {
    formats: POD_SECURITY_FORMATS,
    key: JSON.stringify(filter),
    url: format => api.getPodSecurityExportUrl(format, filter),
    download: format => api.downloadPodSecurityExport(format, filter),
    filename: format => `pod-security-${filter.cluster ?? 'all'}.${format}`,
  };
}

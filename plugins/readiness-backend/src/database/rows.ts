import {
  Finding,
  FindingExemption,
  isExemptionActive,
  resourceKey,
} from '@hatchway/plugin-readiness-common';
import { FindingRecord } from './types';

export const SCANS = 'readiness_scans';
export const FINDINGS = 'readiness_findings';
export const RESOURCE_ENTITIES = 'readiness_resource_entities';
export const SNAPSHOTS = 'readiness_snapshots';
export const EXEMPTIONS = 'readiness_exemptions';
export const AUDIT = 'readiness_audit';
export const PLATFORM_COMPONENTS = 'readiness_platform_components';
export const PLATFORM_HISTORY = 'readiness_platform_history';
export const LIVE_STATUS = 'readiness_live_status';

/** Postgres returns timestamps as Dates, SQLite as the epoch milliseconds they were bound as. */
export type DbTime = Date | number | string;

export function toDate(value: DbTime): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toIso(value: DbTime): string {
  return toDate(value).toISOString();
}

export function parseJson<T>(value: string | null | undefined, fallback: T): T {
  return value ? (JSON.parse(value) as T) : fallback;
}

export interface FindingRow {
  id?: number;
  cluster: string;
  scan_id: string;
  resource_key: string;
  api_version: string;
  kind: string;
  namespace: string;
  name: string;
  container: string;
  check_id: string;
  severity: string;
  category: string;
  status: string;
  message: string;
  field_paths: string | null;
  labels: string | null;
  policy_report: string | null;
  exemption_id: string | null;
  exemption_source: string | null;
  exemption_expires_at: DbTime | null;
  exemption: string | null;
}

/** The columns a (re)applied exemption sets on a finding row. */
export function exemptionColumns(exemption: FindingExemption | undefined) {
  return {
    exemption_id: exemption?.id ?? null,
    exemption_source: exemption?.source ?? null,
    exemption_expires_at: exemption?.expiresAt
      ? new Date(exemption.expiresAt)
      : null,
    exemption: exemption ? JSON.stringify(exemption) : null,
  };
}

export function findingToRow(
  cluster: string,
  scanId: string,
  { finding, labels }: FindingRecord,
): FindingRow {
  const resource = { ...finding.resource, cluster };
  return {
    cluster,
    scan_id: scanId,
    resource_key: resourceKey(resource),
    api_version: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace ?? '',
    name: resource.name,
    container: finding.container ?? '',
    check_id: finding.checkId,
    severity: finding.severity,
    category: finding.category,
    status: finding.status,
    message: finding.message,
    field_paths: finding.fieldPaths ? JSON.stringify(finding.fieldPaths) : null,
    labels: Object.keys(labels).length ? JSON.stringify(labels) : null,
    policy_report: finding.policyReport
      ? JSON.stringify(finding.policyReport)
      : null,
    ...exemptionColumns(finding.exemption),
  };
}

/**
 * A stored finding as the API shows it at `now`: a finding exempted by an exemption that has
 * expired since the scan is a failure again, without waiting for the next scan.
 */
export function rowToFinding(row: FindingRow, now: Date): Finding {
  const finding: Finding = {
    checkId: row.check_id,
    resource: {
      cluster: row.cluster,
      apiVersion: row.api_version,
      kind: row.kind,
      name: row.name,
      ...(row.namespace && { namespace: row.namespace }),
    },
    severity: row.severity as Finding['severity'],
    category: row.category as Finding['category'],
    status: row.status as Finding['status'],
    message: row.message,
  };
  if (row.field_paths) finding.fieldPaths = JSON.parse(row.field_paths);
  if (row.container) finding.container = row.container;
  if (row.policy_report) finding.policyReport = JSON.parse(row.policy_report);
  const exemption = parseJson<FindingExemption | undefined>(
    row.exemption,
    undefined,
  );
  if (finding.status === 'exempted' && exemption) {
    const { expiresAt } = exemption;
    if (expiresAt && !isExemptionActive({ expiresAt }, now)) {
      finding.status = 'failed';
    } else {
      finding.exemption = exemption;
    }
  }
  return finding;
}

import {
  Finding,
  FindingExemption,
  isExemptionActive,
  ResourceRef,
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

/** The columns of a finding row, in the order bulk inserts bind them. */
export const FINDING_COLUMNS = [
  'cluster',
  'scan_id',
  'resource_key',
  'api_version',
  'kind',
  'namespace',
  'name',
  'container',
  'check_id',
  'severity',
  'category',
  'status',
  'message',
  'field_paths',
  'labels',
  'policy_report',
  'exemption_id',
  'exemption_source',
  'exemption_expires_at',
  'exemption',
] as const satisfies ReadonlyArray<keyof FindingRow>;

/**
 * `resourceKey` of refs as if they were in `cluster`, made once per ref object: a scan's findings
 * share one ref per resource (hundreds of thousands of findings, tens of thousands of resources),
 * and building each key again, from a copy of its ref, was a large part of storing a scan.
 */
export function resourceKeysIn(cluster: string): (ref: ResourceRef) => string {
  const keys = new Map<ResourceRef, string>();
  return ref => {
    let key = keys.get(ref);
    if (key === undefined) {
      key = resourceKey({ ...ref, cluster });
      keys.set(ref, key);
    }
    return key;
  };
}

/** A finding's row; `key` is its resource's key in `cluster` (see resourceKeysIn). */
export function findingToRow(
  cluster: string,
  scanId: string,
  { finding, labels }: FindingRecord,
  key: string,
): FindingRow {
  const resource = finding.resource;
  return {
    cluster,
    scan_id: scanId,
    resource_key: key,
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

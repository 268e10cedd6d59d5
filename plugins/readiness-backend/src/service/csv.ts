import { ReadinessFinding } from '@hatchway/plugin-readiness-common';
import { CheckCatalog } from './CheckCatalog';

const COLUMNS = [
  'cluster',
  'namespace',
  'kind',
  'name',
  'container',
  'check',
  'title',
  'severity',
  'category',
  'status',
  'message',
  'fields',
  'exemption_reason',
  'exemption_expires_at',
  'entities',
  'owners',
];

/**
 * One CSV field. Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
 * prefixed with `'`: finding messages quote object names, which anyone with a namespace chooses.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Findings as CSV (RFC 4180, CRLF line ends), one row per finding, with a header row. */
export function toCsv(
  findings: readonly ReadinessFinding[],
  catalog: CheckCatalog,
): string {
  const rows = findings.map(f => [
    f.resource.cluster ?? '',
    f.resource.namespace ?? '',
    f.resource.kind,
    f.resource.name,
    f.container ?? '',
    f.checkId,
    catalog.get(f.checkId)?.title ?? f.checkId,
    f.severity,
    f.category,
    f.status,
    f.message,
    (f.fieldPaths ?? []).join(' '),
    f.exemption?.reason ?? '',
    f.exemption?.expiresAt ?? '',
    f.entityRefs.join(' '),
    f.owners.join(' '),
  ]);
  return [COLUMNS, ...rows]
    .map(row => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

import {
  formatResource,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityNamespace,
  ReadinessPodSecurityRefusal,
} from '@hatchway/plugin-readiness-common';
import { csvField } from '../service/csv';
import { ReadinessExport } from '../service/types';
import { PodSecurityFilter } from './types';

const COLUMNS = [
  'cluster',
  'namespace',
  'owners',
  'enforce',
  'enforce_version',
  'audit',
  'audit_version',
  'warn',
  'warn_version',
  'judged_at_version',
  'workloads',
  'possible_level',
  'refused_at_baseline',
  'refused_at_restricted',
  'warnings',
];

const CONTENT_TYPES: Record<ReadinessPodSecurityExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** `Deployment legacy-web (privileged, hostNamespaces)`, one per refused workload. */
function refusedList(refused: ReadinessPodSecurityRefusal[] | undefined) {
  return (refused ?? [])
    .map(
      r =>
        `${formatResource(r)} (${[...new Set(r.controls.map(c => c.id))].join(
          ', ',
        )})`,
    )
    .join('; ');
}

function toCsv(items: readonly ReadinessPodSecurityNamespace[]): string {
  const rows = items.map(n => [
    n.cluster,
    n.namespace,
    n.owners.join(' '),
    n.labels.enforce ?? '',
    n.labels.enforceVersion ?? '',
    n.labels.audit ?? '',
    n.labels.auditVersion ?? '',
    n.labels.warn ?? '',
    n.labels.warnVersion ?? '',
    n.version,
    String(n.workloadCount),
    n.possibleLevel,
    refusedList(n.refused.baseline),
    refusedList(n.refused.restricted),
    n.warnings.join(' '),
  ]);
  return [COLUMNS, ...rows]
    .map(row => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/**
 * The namespace view as a file: CSV (one row per namespace, RFC 4180, the refused workloads
 * with the ids of the controls they break) or JSON (the API's items, every refusal's detail).
 */
export function renderPodSecurityExport(
  format: ReadinessPodSecurityExportFormat,
  items: readonly ReadinessPodSecurityNamespace[],
  filter: PodSecurityFilter,
  now: Date,
): ReadinessExport {
  const day = now.toISOString().slice(0, 10);
  return {
    contentType: CONTENT_TYPES[format],
    filename: `pod-security-${
      filter.cluster ?? 'all-clusters'
    }-${day}.${format}`,
    body:
      format === 'csv'
        ? toCsv(items)
        : JSON.stringify(
            { exportedAt: now.toISOString(), filters: filter, items },
            null,
            2,
          ),
  };
}

import { Finding, formatResource } from '@hatchway/plugin-readiness-common';
import { ReportableEvaluation } from '../engine/types';

const STATUS_ORDER = { failed: 0, exempted: 1, skipped: 2, passed: 3 };
const SEVERITY_ORDER = { danger: 0, warning: 1 };

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      formatResource(a.resource).localeCompare(formatResource(b.resource)) ||
      a.checkId.localeCompare(b.checkId) ||
      (a.container ?? '').localeCompare(b.container ?? ''),
  );
}

/** Lays rows out in columns two spaces apart; the last column is never padded. */
function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map(row => row[i].length)),
  );
  return rows.map(row =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A plain-text report: one row per failed, exempted or skipped finding (worst first), then the
 * totals, and the score and level on the last line.
 * @public
 */
export function toTable(
  result: ReportableEvaluation,
  options: { showPassed?: boolean } = {},
): string {
  const shown = sortFindings(
    result.findings.filter(f => options.showPassed || f.status !== 'passed'),
  );
  const lines: string[] = [];
  if (shown.length > 0) {
    const rows = [
      ['STATUS', 'SEVERITY', 'CHECK', 'RESOURCE', 'CONTAINER', 'MESSAGE'],
    ];
    for (const f of shown) {
      const message = f.exemption
        ? `${f.message} [exempt: ${f.exemption.reason}]`
        : f.message;
      rows.push([
        f.status,
        f.severity,
        f.checkId,
        formatResource(f.resource),
        f.container ?? '-',
        message,
      ]);
    }
    lines.push(...columns(rows), '');
  } else {
    lines.push('No failed findings.', '');
  }
  const { total, bySeverity, score, level } = result.score;
  lines.push(
    `Findings: ${total.passed} passed, ${total.failed} failed ` +
      `(${bySeverity.danger.failed} danger, ${bySeverity.warning.failed} warning), ` +
      `${total.exempted} exempted, ${total.skipped} skipped`,
  );
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  lines.push(
    `Score: ${score}/100  Level: ${level}  Profile: ${result.profile}`,
  );
  return `${lines.join('\n')}\n`;
}

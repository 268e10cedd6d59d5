import { Finding } from '@hatchway/plugin-readiness-common';
import { ReportableEvaluation } from '../engine/types';

/** A wgpolicyk8s.io/v1alpha2 PolicyReport. @public */
export interface PolicyReportDocument {
  apiVersion: 'wgpolicyk8s.io/v1alpha2';
  kind: 'PolicyReport';
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
  };
  summary: {
    pass: number;
    fail: number;
    warn: number;
    error: number;
    skip: number;
  };
  results: Array<Record<string, unknown>>;
}

const RESULT = {
  passed: 'pass',
  failed: 'fail',
  exempted: 'skip',
  skipped: 'skip',
} as const;

function reportResult(finding: Finding, seconds: number) {
  const origin = finding.policyReport;
  const ref = finding.resource;
  // Report properties are a string map.
  const properties: Record<string, string> = { checkId: finding.checkId };
  if (finding.container) properties.container = finding.container;
  if (finding.fieldPaths) properties.fieldPaths = finding.fieldPaths.join(', ');
  if (finding.exemption) properties.exemption = finding.exemption.reason;
  return {
    // Imported results keep their own policy and rule, so a report can be read back unchanged.
    source: origin?.source ?? 'hatchway-readiness',
    policy: origin?.policy ?? finding.checkId,
    rule: origin?.rule ?? finding.checkId,
    result: RESULT[finding.status],
    severity: finding.severity === 'danger' ? 'high' : 'medium',
    category: finding.category,
    scored: finding.status !== 'skipped',
    message: finding.message,
    resources: [
      {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        name: ref.name,
        ...(ref.namespace !== undefined && { namespace: ref.namespace }),
      },
    ],
    properties,
    timestamp: { seconds, nanos: 0 },
  };
}

/**
 * Findings as a PolicyReport, so Kyverno's policy-reporter and other report consumers can show
 * them. Danger maps to severity `high`, warning to `medium`; exempted findings are `skip`.
 * @public
 */
export function toPolicyReport(
  result: ReportableEvaluation,
  options: { name?: string } = {},
): PolicyReportDocument {
  const seconds = Math.floor(Date.parse(result.evaluatedAt) / 1000);
  const results = result.findings.map(f => reportResult(f, seconds));
  const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) summary[r.result] += 1;
  const namespaces = new Set(
    result.findings.map(f => f.resource.namespace).filter(Boolean),
  );
  return {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind: 'PolicyReport',
    metadata: {
      name: options.name ?? 'hatchway-readiness',
      // A report about one namespace belongs in it; a mixed one has no single home.
      ...(namespaces.size === 1 && { namespace: [...namespaces][0] }),
      labels: { 'app.kubernetes.io/managed-by': 'hatchway-readiness' },
    },
    summary,
    results,
  };
}

import {
  Category,
  ResourceRef,
  Severity,
} from '@hatchway/plugin-readiness-common';
import { docsUrl } from '../../engine/defineCheck';
import { CheckContext, CheckOutcome, ReadinessCheck } from '../../engine/types';
import {
  apiGroup,
  asArray,
  asRecord,
  isClusterScoped,
} from '../../kube/objects';
import { KubernetesObject } from '../../kube/types';

const RESULTS = ['pass', 'fail', 'warn', 'error', 'skip'] as const;
type ReportResult = (typeof RESULTS)[number];

/** Errors are failures too: a policy that cannot be evaluated proves nothing. */
const STATUS = {
  pass: 'passed',
  skip: 'skipped',
  fail: 'failed',
  warn: 'failed',
  error: 'failed',
} as const;

interface ReportEntry {
  source?: string;
  policy?: string;
  rule?: string;
  result?: string;
  severity?: string;
  category?: string;
  message?: string;
  resources?: ObjectReference[];
}

interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Reports say `critical`/`high` for what Hatchway calls danger. */
export function severityFromReport(severity: string | undefined): Severity {
  return severity === 'critical' || severity === 'high' ? 'danger' : 'warning';
}

/** Policy categories are free text ("Pod Security Standards (Baseline)"); map them by keyword. */
export function categoryFromReport(category: string | undefined): Category {
  const text = (category ?? '').toLowerCase();
  if (text.includes('network')) return 'networking';
  if (text.includes('secret')) return 'secrets';
  if (text.includes('rbac')) return 'rbac';
  if (/resource|cost|efficien/.test(text)) return 'efficiency';
  if (/best practice|reliab|availab/.test(text)) return 'reliability';
  return 'security';
}

function resourceRef(
  context: CheckContext,
  report: KubernetesObject,
  target: ObjectReference,
): ResourceRef {
  const kind = String(target.kind ?? 'Unknown');
  // A namespaced report's results are about objects of its own namespace unless they say otherwise.
  const namespace =
    target.namespace ??
    (report.kind === 'PolicyReport' && !isClusterScoped(kind)
      ? context.namespaceOf(report)
      : undefined);
  // The one shape of every ref (see refOf).
  return {
    kind,
    name: String(target.name ?? '(unnamed)'),
    apiVersion: String(target.apiVersion ?? 'v1'),
    namespace: namespace || undefined,
    cluster: context.ref(report).cluster,
  };
}

function outcomesOf(
  context: CheckContext,
  report: KubernetesObject,
): CheckOutcome[] {
  const reportRef = context.ref(report);
  const scope = asRecord(report.scope) as ObjectReference | undefined;
  const outcomes: CheckOutcome[] = [];
  for (const entry of asArray<ReportEntry>(report.results)) {
    const result = entry?.result as ReportResult;
    if (!RESULTS.includes(result)) continue;
    const policy = String(entry.policy ?? '(unnamed policy)');
    const targets = asArray<ObjectReference>(entry.resources);
    const refs = targets.length
      ? targets.map(t => resourceRef(context, report, t))
      : [scope ? resourceRef(context, report, scope) : reportRef];
    const name = entry.rule ? `${policy}/${entry.rule}` : policy;
    for (const resource of refs) {
      const object = context.find(
        resource.kind,
        resource.namespace,
        resource.name,
      );
      const outcome: CheckOutcome = {
        resource,
        status: STATUS[result],
        message: `${name}: ${entry.message ?? result}`,
        // `warn` is advisory in Kyverno: always a warning whatever the policy's severity.
        severity:
          result === 'warn' ? 'warning' : severityFromReport(entry.severity),
        category: categoryFromReport(entry.category),
        policyReport: {
          report: reportRef,
          policy,
          result,
          ...(entry.source !== undefined && { source: entry.source }),
          ...(entry.rule !== undefined && { rule: entry.rule }),
          ...(entry.severity !== undefined && { severity: entry.severity }),
          ...(entry.category !== undefined && { category: entry.category }),
        },
      };
      if (object) outcome.object = object;
      outcomes.push(outcome);
    }
  }
  return outcomes;
}

/**
 * Takes in the results of Kyverno (or any wgpolicyk8s.io) PolicyReports and ClusterPolicyReports:
 * fail and error count as failures with the report's severity, warn as a failed warning,
 * pass as passed, and skip is shown but never scored.
 */
export const policyReport: ReadinessCheck = {
  definition: {
    id: 'policy-report',
    title: 'Policy report results',
    severity: 'warning',
    category: 'security',
    remediation:
      "Follow the policy's message; the policy engine's documentation names the fix.",
    docsUrl: docsUrl('policy-report'),
    appliesTo: ['PolicyReport', 'ClusterPolicyReport'],
  },
  run(context) {
    return [
      ...context.ofKind('PolicyReport'),
      ...context.ofKind('ClusterPolicyReport'),
    ]
      .filter(report => apiGroup(report.apiVersion) === 'wgpolicyk8s.io')
      .flatMap(report => outcomesOf(context, report));
  },
};

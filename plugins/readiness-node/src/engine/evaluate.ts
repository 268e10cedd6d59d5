import {
  DEFAULT_LEVELS,
  EffectiveCheck,
  Finding,
  isExemptionActive,
} from '@hatchway/plugin-readiness-common';
import { builtInChecks } from '../checks';
import { asArray } from '../kube/objects';
import { KubernetesObject } from '../kube/types';
import { scoreFindings } from '../scoring/score';
import { buildContext } from './context';
import { outcomeStream } from './defineCheck';
import { findExemption } from './exemptions';
import { builtInProfiles, resolveChecks } from './profiles';
import { CheckOutcome, EvaluateOptions, EvaluationResult } from './types';

/**
 * `kind: List` (what `kubectl get -o yaml` prints) and typed lists (`PodList`) hold their objects
 * in `items`; checks want the objects.
 * @public
 */
export function flattenLists(
  objects: Iterable<KubernetesObject>,
): KubernetesObject[] {
  const flat: KubernetesObject[] = [];
  const visit = (object: KubernetesObject) => {
    if (!object || typeof object !== 'object') return;
    if (object.kind?.endsWith('List') && Array.isArray(object.items)) {
      asArray<KubernetesObject>(object.items).forEach(visit);
    } else {
      flat.push(object);
    }
  };
  for (const object of objects) visit(object);
  return flat;
}

/**
 * Runs every enabled check over the whole object set and scores the result.
 * Pure: no I/O, and the same objects and options always give the same result. A check that
 * throws is reported in `warnings` instead of failing the evaluation; an unknown profile throws.
 * @public
 */
export function evaluate(
  objects: readonly KubernetesObject[],
  options: EvaluateOptions = {},
): EvaluationResult {
  const now = options.now ?? new Date();
  const profile = options.profile ?? 'default';
  const checks = options.checks ?? builtInChecks;
  const resolved = resolveChecks(
    checks.map(check => check.definition),
    profile,
    options.overrides,
    { ...builtInProfiles, ...options.profiles },
  );
  const warnings = [...resolved.warnings];
  const context = buildContext(flattenLists(objects), {
    now,
    settings: options.settings,
    cluster: options.cluster,
    defaultNamespace: options.defaultNamespace ?? 'default',
  });
  const exemptionOptions = {
    // Judged once here rather than for every failed finding.
    exemptions: (options.exemptions ?? []).filter(e =>
      isExemptionActive(e, now),
    ),
    now,
    allowAnnotations: options.allowAnnotationExemptions !== false,
  };

  const findings: Finding[] = [];
  // Most messages and field paths repeat across objects (`Container "app" is not privileged.`):
  // keep one copy of each, so the findings do not hold hundreds of thousands of equal strings the
  // collector must copy and mark.
  const strings = new Map<string, string>();
  const intern = (text: string) => {
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
  checks.forEach((check, index) => {
    const effective = resolved.checks[index];
    if (!effective.enabled) return;
    const severityFixed = resolved.severityOverridden.has(effective.id);
    let failedToRecord: unknown;
    const record = (outcome: CheckOutcome) => {
      try {
        findings.push(
          toFinding(
            effective,
            severityFixed,
            outcome,
            intern,
            exemptionOptions,
          ),
        );
      } catch (error) {
        failedToRecord = error;
        throw error;
      }
    };
    const found = findings.length;
    try {
      const stream = outcomeStream(check);
      if (stream) stream(context, record);
      else for (const outcome of check.run(context)) record(outcome);
    } catch (error) {
      // Not the check's fault: fail the evaluation, as for any other bug of the engine.
      if (error === failedToRecord) throw error;
      // One broken check (or one object shaped in a way nobody foresaw) must not hide the rest,
      // nor leave half its findings behind.
      findings.length = found;
      warnings.push(
        `Check "${effective.id}" failed to run: ${(error as Error).message}`,
      );
    }
  });

  return {
    profile,
    evaluatedAt: now.toISOString(),
    checks: resolved.checks,
    findings,
    score: scoreFindings(findings, options.levels ?? DEFAULT_LEVELS),
    warnings,
  };
}

/** The finding an outcome of a check becomes: the check's severity and category, exemptions. */
function toFinding(
  effective: EffectiveCheck,
  severityFixed: boolean,
  outcome: CheckOutcome,
  intern: (text: string) => string,
  exemptionOptions: Parameters<typeof findExemption>[2],
): Finding {
  const checkId = effective.id;
  const resource = outcome.resource;
  const severity = severityFixed
    ? effective.severity
    : outcome.severity ?? effective.severity;
  const category = outcome.category ?? effective.category;
  const status = outcome.status;
  const message = intern(outcome.message);
  const container = outcome.container;
  // Built whole, in one of four shapes: adding fields later would give most findings a second
  // allocation (their out-of-object properties) and a chain of hidden-class transitions.
  let finding: Finding;
  if (outcome.fieldPaths?.length) {
    const fieldPaths = outcome.fieldPaths.map(intern);
    finding =
      container === undefined
        ? { checkId, resource, severity, category, status, message, fieldPaths }
        : {
            checkId,
            resource,
            severity,
            category,
            status,
            message,
            fieldPaths,
            container,
          };
  } else {
    finding =
      container === undefined
        ? { checkId, resource, severity, category, status, message }
        : { checkId, resource, severity, category, status, message, container };
  }
  if (outcome.policyReport) finding.policyReport = outcome.policyReport;
  if (outcome.status === 'failed') {
    // Only failures are exempted: a passing check stays a pass and keeps counting.
    const exemption = findExemption(effective.id, outcome, exemptionOptions);
    if (exemption) {
      finding.status = 'exempted';
      finding.exemption = exemption;
    }
  }
  return finding;
}

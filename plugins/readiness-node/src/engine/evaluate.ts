import {
  DEFAULT_LEVELS,
  Finding,
  isExemptionActive,
} from '@hatchway/plugin-readiness-common';
import { builtInChecks } from '../checks';
import { asArray } from '../kube/objects';
import { KubernetesObject } from '../kube/types';
import { scoreFindings } from '../scoring/groups';
import { buildContext } from './context';
import { verdictStream } from './defineCheck';
import { findingRecorder, interner } from './findingRecorder';
import { FindingColumns } from './findingTable';
import { builtInProfiles, resolveChecks } from './profiles';
import { EvaluateOptions, EvaluationResult } from './types';

/** Whether every entry is an object to check as it is: no gap, nothing else, no list. */
function allPlain(objects: readonly KubernetesObject[]): boolean {
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i];
    if (!object || typeof object !== 'object') return false;
    if (object.kind?.endsWith('List') && Array.isArray(object.items))
      return false;
  }
  return true;
}

/**
 * `kind: List` (what `kubectl get -o yaml` prints) and typed lists (`PodList`) hold their objects
 * in `items`; checks want the objects.
 * @public
 */
export function flattenLists(
  objects: Iterable<KubernetesObject>,
): KubernetesObject[] {
  // A scan's objects hold no lists: one copy at the final size, not 90,000 pushes.
  if (Array.isArray(objects) && allPlain(objects)) return objects.slice();
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
    allowAnnotations: options.allowAnnotationExemptions !== false,
  };

  const table = new FindingColumns();
  const intern = interner();
  checks.forEach((check, index) => {
    const effective = resolved.checks[index];
    if (!effective.enabled) return;
    const recorder = findingRecorder(
      effective,
      resolved.severityOverridden.has(effective.id),
      intern,
      exemptionOptions,
      table,
    );
    const found = table.length;
    try {
      const stream = verdictStream(check);
      if (stream) stream(context, recorder.verdict);
      else for (const outcome of check.run(context)) recorder.outcome(outcome);
    } catch (error) {
      // Not the check's fault: fail the evaluation, as for any other bug of the engine.
      if (recorder.failure !== undefined && error === recorder.failure)
        throw error;
      // One broken check (or one object shaped in a way nobody foresaw) must not hide the rest,
      // nor leave half its findings behind.
      table.truncate(found);
      warnings.push(
        `Check "${effective.id}" failed to run: ${(error as Error).message}`,
      );
    }
  });
  const levels = options.levels ?? DEFAULT_LEVELS;
  const result: EvaluationResult = {
    profile,
    evaluatedAt: now.toISOString(),
    checks: resolved.checks,
    // Made on first read and kept there (in the same place among the keys, for JSON output).
    get findings(): Finding[] {
      const findings = table.toArray();
      keepFindings(this, findings);
      return findings;
    },
    set findings(findings: Finding[]) {
      keepFindings(this, findings);
    },
    findingTable: table,
    score: scoreFindings(table, levels),
    warnings,
  };
  // Not part of the result's JSON, which lists the findings themselves.
  Object.defineProperty(result, 'findingTable', { enumerable: false });
  return result;
}

function keepFindings(result: EvaluationResult, findings: Finding[]): void {
  Object.defineProperty(result, 'findings', {
    value: findings,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

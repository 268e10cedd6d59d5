import {
  DEFAULT_LEVELS,
  isExemptionActive,
} from '@hatchway/plugin-readiness-common';
import { builtInChecks } from '../checks';
import { asArray } from '../kube/objects';
import { KubernetesObject } from '../kube/types';
import { scoreFindings } from '../scoring/groups';
import { buildContext } from './context';
import { verdictStream } from './defineCheck';
import { findingRecorder, interner } from './findingRecorder';
import { FindingList } from './findingList';
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

  const list = new FindingList();
  const intern = interner();
  checks.forEach((check, index) => {
    const effective = resolved.checks[index];
    if (!effective.enabled) return;
    const recorder = findingRecorder(
      effective,
      resolved.severityOverridden.has(effective.id),
      intern,
      exemptionOptions,
      list,
    );
    const found = list.length;
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
      list.truncate(found);
      warnings.push(
        `Check "${effective.id}" failed to run: ${(error as Error).message}`,
      );
    }
  });
  const findings = list.toArray();

  return {
    profile,
    evaluatedAt: now.toISOString(),
    checks: resolved.checks,
    findings,
    score: scoreFindings(findings, options.levels ?? DEFAULT_LEVELS),
    warnings,
  };
}

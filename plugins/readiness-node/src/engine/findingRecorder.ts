import {
  EffectiveCheck,
  exemptionCoversCheck,
  ResourceRef,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '../kube/types';
import { Verdict, VerdictSink } from './defineCheck';
import { exemptionOf, ExemptionOptions, findExemption } from './exemptions';
import { FindingColumns, isCompactStatus, makeFinding } from './findingTable';
import { CheckOutcome } from './types';

/** No message yet: equal to none a check gives, not even an undefined one. */
const NOTHING = Symbol('nothing');

/** Returns one shared copy of each equal string. */
export type Intern = (text: string) => string;

/**
 * Most messages and field paths repeat across objects (`Container "app" is not privileged.`):
 * keep one copy of each, so the findings do not hold hundreds of thousands of equal strings the
 * collector must copy and mark.
 */
export function interner(): Intern {
  const strings = new Map<string, string>();
  return text => {
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
}

/**
 * An interner that first compares with the string it was last given: a check gives consecutive
 * objects the same message or field path more often than not, and comparing is cheaper than
 * hashing a freshly built string.
 */
function lastFirst(intern: Intern): Intern {
  let lastText: unknown = NOTHING;
  let lastInterned = '';
  return text => {
    if (text !== lastText) {
      lastText = text;
      lastInterned = intern(text);
    }
    return lastInterned;
  };
}

/** Turns one check's verdicts (built-in checks) or outcomes (any check) into findings. */
export interface FindingRecorder {
  verdict: VerdictSink;
  outcome(outcome: CheckOutcome): void;
  /** What recording threw, if it did: a bug of the engine, not of the check. */
  readonly failure: unknown;
}

/**
 * Appends the findings of one check to `table`: the check's severity and category, interned
 * strings, exemptions. Most findings are kept by column; an exempted or imported one, or one with
 * a severity, category or status of its own, is built whole.
 */
export function findingRecorder(
  effective: EffectiveCheck,
  severityFixed: boolean,
  intern: Intern,
  exemptionOptions: ExemptionOptions,
  table: FindingColumns,
): FindingRecorder {
  const checkId = effective.id;
  const severity = effective.severity;
  const category = effective.category;
  const check = table.addCheck(checkId, severity, category);
  const ownIds = [checkId];
  // A verdict's finding can only be exempted by name of the check itself.
  const ownExemptions: ExemptionOptions = {
    exemptions: exemptionOptions.exemptions.filter(e =>
      exemptionCoversCheck(e.checkIds, ownIds),
    ),
    allowAnnotations: exemptionOptions.allowAnnotations,
  };
  // Each check has its own recorder, and so its own closures here; `verdict` calls them through
  // `.call` so that its compiled code, shared by every check's recorder, is not thrown away as
  // each check brings its own (see engine/defineCheck.ts).
  const passMessage = lastFirst(intern);
  const failMessage = lastFirst(intern);
  const failPath = lastFirst(intern);
  // A check's failures mostly name the same field paths as its failure before: those findings
  // share one frozen array instead of each holding a copy (130,000 failures at 10,000 workloads).
  let lastPaths: readonly string[] | undefined;
  const pathsOf = (paths: readonly string[]): string[] => {
    const last = lastPaths;
    if (last && last.length === paths.length) {
      let same = true;
      for (let i = 0; i < paths.length && same; i++)
        same = failPath.call(undefined, paths[i]) === last[i];
      if (same) return last as string[];
    }
    const interned = Object.freeze(paths.map(failPath));
    lastPaths = interned;
    return interned as string[];
  };
  // A failure: field paths, exemptions. Kept out of `verdict`, which sees mostly passes.
  const failed = (
    resource: ResourceRef,
    object: KubernetesObject | undefined,
    verdict: Verdict,
    container: string | undefined,
  ) => {
    const message = failMessage.call(undefined, verdict.message);
    const fieldPaths = verdict.fieldPaths?.length
      ? pathsOf.call(undefined, verdict.fieldPaths)
      : undefined;
    // Only failures are exempted: a passing check stays a pass and keeps counting.
    const exemption = exemptionOf(ownIds, resource, object, ownExemptions);
    if (!exemption) {
      table.record(check, 'failed', resource, message, fieldPaths, container);
      return;
    }
    const finding = makeFinding(
      checkId,
      resource,
      severity,
      category,
      'exempted',
      message,
      fieldPaths,
      container,
    );
    finding.exemption = exemption;
    table.recordFinding(finding);
  };
  // Checks often return one verdict object for every pass (the pss-* checks do).
  let lastPass: Verdict | undefined;
  let lastMessage = '';
  const recorder: FindingRecorder = {
    failure: undefined,
    verdict(resource, object, verdict, container) {
      try {
        if (!verdict.passed) {
          failed.call(undefined, resource, object, verdict, container);
          return;
        }
        if (verdict !== lastPass) {
          lastPass = verdict;
          lastMessage = passMessage.call(undefined, verdict.message);
        }
        // Most findings: a pass never carries field paths nor an exemption.
        table.record(
          check,
          'passed',
          resource,
          lastMessage,
          undefined,
          container,
        );
      } catch (error) {
        (recorder as { failure: unknown }).failure = error;
        throw error;
      }
    },
    outcome(outcome) {
      try {
        const ownSeverity = severityFixed
          ? severity
          : outcome.severity ?? severity;
        const ownCategory = outcome.category ?? category;
        const message = intern(outcome.message);
        const fieldPaths = outcome.fieldPaths?.length
          ? outcome.fieldPaths.map(intern)
          : undefined;
        const exemption =
          outcome.status === 'failed'
            ? findExemption(checkId, outcome, exemptionOptions)
            : undefined;
        if (
          !exemption &&
          !outcome.policyReport &&
          isCompactStatus(outcome.status) &&
          ownSeverity === severity &&
          ownCategory === category
        ) {
          table.record(
            check,
            outcome.status,
            outcome.resource,
            message,
            fieldPaths,
            outcome.container,
          );
          return;
        }
        const finding = makeFinding(
          checkId,
          outcome.resource,
          ownSeverity,
          ownCategory,
          exemption ? 'exempted' : outcome.status,
          message,
          fieldPaths,
          outcome.container,
        );
        if (outcome.policyReport) finding.policyReport = outcome.policyReport;
        if (exemption) finding.exemption = exemption;
        table.recordFinding(finding);
      } catch (error) {
        (recorder as { failure: unknown }).failure = error;
        throw error;
      }
    },
  };
  return recorder;
}

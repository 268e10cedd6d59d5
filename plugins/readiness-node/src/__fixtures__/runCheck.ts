import { Finding } from '@hatchway/plugin-readiness-common';
import { builtInChecks } from '../checks';
import { evaluate } from '../engine/evaluate';
import { EvaluateOptions } from '../engine/types';
import { KubernetesObject } from '../kube/types';
import { NOW } from './builders';

/** One scenario for one check, run through the real engine with only that check enabled. */
export interface CheckCase {
  checkId: string;
  name: string;
  objects: KubernetesObject[];
  /** `none` when the check must not apply at all. */
  expect: 'passed' | 'failed' | 'skipped' | 'none';
  /** For failures: the failed finding's message must match. */
  message?: RegExp;
  /** For failures: the failed finding's field paths. */
  fieldPaths?: string[];
  container?: string;
  options?: Partial<EvaluateOptions>;
}

/** The findings one built-in check produces, switched on whatever its default. */
export function runCheck(
  checkId: string,
  objects: KubernetesObject[],
  options: Partial<EvaluateOptions> = {},
): Finding[] {
  const check = builtInChecks.find(c => c.definition.id === checkId);
  if (!check) throw new Error(`No built-in check ${checkId}`);
  const result = evaluate(objects, {
    now: NOW,
    ...options,
    checks: [check],
    overrides: { checks: { [checkId]: { enabled: true } } },
  });
  if (result.warnings.length) throw new Error(result.warnings.join('; '));
  return result.findings;
}

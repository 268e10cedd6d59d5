import { asArray, get } from './objects';
import { fieldPath } from './paths';
import { Condition, KubernetesObject } from './types';

/**
 * Whether an object carries a status. Rendered manifests (`helm template`) have none, and a
 * controller that has not reported yet is the platform readiness board's business, not a finding.
 */
export function hasStatus(object: KubernetesObject): boolean {
  const status = object.status;
  return (
    !!status && typeof status === 'object' && Object.keys(status).length > 0
  );
}

/** The condition of a type with its path, e.g. `status.conditions[0]`. */
export function findCondition(
  object: KubernetesObject,
  type: string,
): { condition?: Condition; path: string } {
  const conditions = asArray<Condition>(get(object, 'status', 'conditions'));
  const index = conditions.findIndex(c => c?.type === type);
  return index < 0
    ? { path: fieldPath('status', 'conditions') }
    : {
        condition: conditions[index],
        path: fieldPath('status', 'conditions', index),
      };
}

/** `: reason — message` from a condition, for failure messages. */
export function conditionDetail(condition?: Condition): string {
  if (!condition) return '';
  const parts = [condition.reason, condition.message].filter(Boolean);
  return parts.length ? `: ${parts.join(' — ')}` : '';
}

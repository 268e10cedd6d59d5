import { POD_SECURITY_LEVEL_ORDER } from '@hatchway/plugin-readiness-common';
import type {
  ReadinessPodSecurityLevel,
  ReadinessPodSecurityNamespace,
  ReadinessPodSecurityRefusal,
} from '../../api/types';

export type StricterLevel = Exclude<ReadinessPodSecurityLevel, 'privileged'>;

/** `restricted` → `Restricted`. */
export function podSecurityLevelLabel(level: string): string {
  return level.charAt(0).toLocaleUpperCase('en-US') + level.slice(1);
}

/** The level after the enforced one, the one a namespace would tighten to next; none past restricted. */
export function nextLevel(
  enforce: ReadinessPodSecurityLevel,
): StricterLevel | undefined {
  const next = POD_SECURITY_LEVEL_ORDER[
    POD_SECURITY_LEVEL_ORDER.indexOf(enforce) + 1
  ] as StricterLevel | undefined;
  return next;
}

/** Negative when `a` is less restrictive than `b`. */
export function compareLevels(
  a: ReadinessPodSecurityLevel,
  b: ReadinessPodSecurityLevel,
): number {
  return (
    POD_SECURITY_LEVEL_ORDER.indexOf(a) - POD_SECURITY_LEVEL_ORDER.indexOf(b)
  );
}

/** The workloads the next level would refuse; undefined when the namespace enforces restricted. */
export function refusedAtNext(
  namespace: ReadinessPodSecurityNamespace,
): ReadinessPodSecurityRefusal[] | undefined {
  const next = nextLevel(namespace.enforce);
  return next && (namespace.refused[next] ?? []);
}

/** What the namespace could do, in words, for the table and the drawer. */
export function verdict(namespace: ReadinessPodSecurityNamespace): string {
  const { enforce, possibleLevel } = namespace;
  const order = compareLevels(possibleLevel, enforce);
  if (order > 0) {
    return `Could enforce ${possibleLevel} today`;
  }
  if (order < 0) {
    return `Workloads break the enforced ${enforce} level`;
  }
  if (enforce === 'restricted') return 'Enforces the strictest level';
  if (enforce === 'privileged') return 'Workloads need privileged';
  return 'Enforces all it can';
}

/**
 * The readiness page's findings of a refused workload: those of the catalog entity it maps to
 * (the first, when several), else the security findings of its namespace.
 */
export function findingsSearch(
  namespace: Pick<ReadinessPodSecurityNamespace, 'cluster' | 'namespace'>,
  workload: ReadinessPodSecurityRefusal,
): string {
  const params = new URLSearchParams({
    view: 'workloads',
    cluster: namespace.cluster,
    namespace: namespace.namespace,
  });
  const [entity] = workload.entityRefs;
  if (entity) params.set('entity', entity);
  else params.set('category', 'security');
  return params.toString();
}

import { PodSecurityLevel } from './types';

/**
 * The levels, least restrictive first.
 * @public
 */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = [
  'privileged',
  'baseline',
  'restricted',
];

/**
 * The newest minor version of v1 whose rules differ from the one before; every later version
 * and `latest` apply its rules, as the admission library does.
 * @public
 */
export const POD_SECURITY_NEWEST_MINOR = 37;

/**
 * Every version with its own rules, oldest first, then `latest`.
 * @public
 */
export const POD_SECURITY_VERSIONS: readonly string[] = [
  ...Array.from(
    { length: POD_SECURITY_NEWEST_MINOR + 1 },
    (_, minor) => `v1.${minor}`,
  ),
  'latest',
];

const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

/** Whether the value names a level. @public */
export function isPodSecurityLevel(value: unknown): value is PodSecurityLevel {
  return POD_SECURITY_LEVELS.includes(value as PodSecurityLevel);
}

/**
 * The minor version whose rules apply for a version label value (`v1.NN` or `latest`), or
 * undefined when the value is not one. Versions newer than the newest rules get those rules.
 * @public
 */
export function podSecurityMinor(version: string): number | undefined {
  if (version === 'latest') return POD_SECURITY_NEWEST_MINOR;
  const match = VERSION.exec(version);
  if (!match) return undefined;
  return Math.min(Number(match[1]), POD_SECURITY_NEWEST_MINOR);
}

/** Upstream's level order: negative when a is less restrictive than b. */
export function compareLevels(a: PodSecurityLevel, b: PodSecurityLevel) {
  return POD_SECURITY_LEVELS.indexOf(a) - POD_SECURITY_LEVELS.indexOf(b);
}

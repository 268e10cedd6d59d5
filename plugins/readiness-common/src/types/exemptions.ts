import { ResourceRef } from './resources';

/**
 * Which resources an exemption covers. Every field that is set must match; labels must all be
 * present with equal values.
 * @public
 */
export interface ExemptionMatch {
  cluster?: string;
  /** For Namespace findings, compared with the namespace's own name. */
  namespace?: string;
  kind?: string;
  namePrefix?: string;
  labels?: Record<string, string>;
}

/**
 * An accepted risk: failures of the listed checks on matching resources stop counting until
 * `expiresAt`, after which they count again without anyone having to remove the exemption.
 * @public
 */
export interface Exemption {
  id: string;
  /** Check ids, or `*` for every check. */
  checkIds: string[];
  match: ExemptionMatch;
  reason: string;
  /** Who answers for the risk, e.g. `group:default/team-a`. */
  owner: string;
  /** ISO 8601. */
  expiresAt: string;
  createdBy: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * Whether an exemption is still in force at `now`. An unparseable expiry never applies,
 * so a typo cannot turn into a permanent exemption.
 * @public
 */
export function isExemptionActive(
  exemption: Pick<Exemption, 'expiresAt'>,
  now: Date,
): boolean {
  const expires = Date.parse(exemption.expiresAt);
  return Number.isFinite(expires) && now.getTime() < expires;
}

/**
 * Whether an exemption's resource match covers a resource with the given labels.
 * @public
 */
export function exemptionMatchesResource(
  match: ExemptionMatch,
  resource: ResourceRef,
  labels: Record<string, string> = {},
): boolean {
  if (match.cluster !== undefined && match.cluster !== resource.cluster)
    return false;
  if (match.namespace !== undefined) {
    const namespace =
      resource.kind === 'Namespace' ? resource.name : resource.namespace;
    if (match.namespace !== namespace) return false;
  }
  if (match.kind !== undefined && match.kind !== resource.kind) return false;
  if (
    match.namePrefix !== undefined &&
    !resource.name.startsWith(match.namePrefix)
  ) {
    return false;
  }
  for (const [key, value] of Object.entries(match.labels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return true;
}

/**
 * Whether an exemption names a check: `*`, the check id itself, or for policy-report findings
 * `policy-report:<policy>` and `policy-report:<policy>/<rule>`.
 * @public
 */
export function exemptionCoversCheck(
  checkIds: readonly string[],
  findingCheckIds: readonly string[],
): boolean {
  return checkIds.some(id => id === '*' || findingCheckIds.includes(id));
}

/**
 * Problems that make an exemption unusable, as sentences; empty when it is valid.
 * Backends call this before storing an exemption.
 * @public
 */
export function validateExemption(exemption: Partial<Exemption>): string[] {
  const problems: string[] = [];
  if (!exemption.id) problems.push('id is required');
  if (!Array.isArray(exemption.checkIds) || exemption.checkIds.length === 0) {
    problems.push('checkIds must list at least one check id (or "*")');
  } else if (
    exemption.checkIds.some(id => typeof id !== 'string' || id.trim() === '')
  ) {
    problems.push('checkIds must be non-empty strings');
  }
  if (!exemption.match || typeof exemption.match !== 'object') {
    problems.push('match is required (use {} to match every resource)');
  }
  if (!exemption.reason?.trim()) problems.push('reason is required');
  if (!exemption.owner?.trim()) problems.push('owner is required');
  for (const field of ['expiresAt', 'createdAt'] as const) {
    const value = exemption[field];
    if (!value || !Number.isFinite(Date.parse(value))) {
      problems.push(`${field} must be an ISO 8601 time`);
    }
  }
  if (!exemption.createdBy) problems.push('createdBy is required');
  return problems;
}

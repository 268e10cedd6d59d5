/**
 * How bad a failed check is. `danger` failures weigh twice as much as `warning` failures in
 * the score and keep a resource below the bronze level.
 * @public
 */
export type Severity = 'danger' | 'warning';

/** Every severity, worst first. @public */
export const SEVERITIES: readonly Severity[] = ['danger', 'warning'];

/**
 * The area a check belongs to; the readiness pages show a bar per category.
 * @public
 */
export type Category =
  | 'security'
  | 'reliability'
  | 'efficiency'
  | 'networking'
  | 'secrets'
  | 'rbac';

/** Every category, in the order the pages list them. @public */
export const CATEGORIES: readonly Category[] = [
  'security',
  'reliability',
  'efficiency',
  'networking',
  'secrets',
  'rbac',
];

/**
 * What a check is, independent of any resource: the catalogue entry the pages and exports show.
 * @public
 */
export interface CheckDefinition {
  /** Stable identifier used in findings, overrides and exemptions, e.g. `run-as-non-root`. */
  id: string;
  /** One-line title, e.g. "Containers run as non-root". */
  title: string;
  /** Severity before profiles and overrides are applied. */
  severity: Severity;
  category: Category;
  /** What to change to make the check pass. */
  remediation: string;
  /** Where the check is explained in full. */
  docsUrl: string;
  /** The kinds the check looks at, for the checks catalogue. */
  appliesTo?: string[];
  /**
   * False for checks that only run when a profile or an override switches them on
   * (e.g. image digests, which only the production profile requires). Defaults to true.
   */
  enabledByDefault?: boolean;
}

/**
 * A check as a given profile and set of overrides leave it.
 * @public
 */
export interface EffectiveCheck extends CheckDefinition {
  /** Whether the check runs at all; switched-off checks produce no findings. */
  enabled: boolean;
}

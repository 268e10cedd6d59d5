import { EffectiveCheck } from '@hatchway/plugin-readiness-common';
import { builtInChecks, resolveChecks } from '@hatchway/plugin-readiness-node';
import { ReadinessOptions } from '../config/readReadinessConfig';

/** Check ids whose findings come from imported reports and may be narrowed per policy. */
const REPORT_CHECKS = new Set(['policy-report']);

/**
 * The built-in checks as the configured profile and overrides leave them.
 * @internal
 */
export class CheckCatalog {
  readonly profile: string;
  readonly checks: EffectiveCheck[];
  readonly warnings: string[];
  private readonly byId: Map<string, EffectiveCheck>;

  static fromOptions(
    options: Pick<ReadinessOptions, 'profile' | 'overrides'>,
  ): CheckCatalog {
    const resolved = resolveChecks(
      builtInChecks.map(check => check.definition),
      options.profile,
      options.overrides,
    );
    return new CheckCatalog(
      options.profile,
      resolved.checks,
      resolved.warnings,
    );
  }

  private constructor(
    profile: string,
    checks: EffectiveCheck[],
    warnings: string[],
  ) {
    this.profile = profile;
    this.checks = checks;
    this.warnings = warnings;
    this.byId = new Map(checks.map(check => [check.id, check]));
  }

  get(id: string): EffectiveCheck | undefined {
    return this.byId.get(id);
  }

  /**
   * Whether an exemption may name the id: `*`, a check id, or `policy-report:<policy>` /
   * `policy-report:<policy>/<rule>` for one policy's results.
   */
  isExemptable(id: string): boolean {
    if (id === '*' || this.byId.has(id)) return true;
    const colon = id.indexOf(':');
    return (
      colon > 0 &&
      REPORT_CHECKS.has(id.slice(0, colon)) &&
      id.length > colon + 1
    );
  }
}

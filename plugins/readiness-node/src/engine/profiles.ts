import {
  CheckDefinition,
  EffectiveCheck,
} from '@hatchway/plugin-readiness-common';
import { RESTRICTED_POD_SECURITY_CHECK_IDS } from '../pss/controls';
import { CheckOverride, ReadinessOverrides, ReadinessProfile } from './types';

// Production pods must meet the restricted Pod Security Standard, not only baseline.
const restrictedPodSecurityAsDanger = Object.fromEntries(
  RESTRICTED_POD_SECURITY_CHECK_IDS.map(id => [
    id,
    { severity: 'danger' } as CheckOverride,
  ]),
);

/**
 * The built-in profiles. `production` raises to danger what a production workload must not lack:
 * digest-pinned images (switched on: off by default), several replicas and replicas spread apart
 * (warnings by default), and every control of the restricted Pod Security Standard (`pss-*`
 * checks, warnings by default).
 * @public
 */
export const builtInProfiles: Record<string, ReadinessProfile> = {
  default: {
    description:
      'Hardening, reliability and hygiene checks for any environment.',
    checks: {},
  },
  production: {
    description:
      'The default checks plus digest pinning, which it raises to danger with at least two replicas, anti-affinity or topology spread and the restricted Pod Security Standard.',
    checks: {
      ...restrictedPodSecurityAsDanger,
      'image-digest': { enabled: true, severity: 'danger' },
      'min-replicas': { severity: 'danger' },
      'anti-affinity-or-spread': { severity: 'danger' },
    },
  },
};

/** The checks as a profile and overrides leave them. */
export interface ResolvedChecks {
  checks: EffectiveCheck[];
  /** Ids whose severity a profile or an override set, which then beats per-finding severities. */
  severityOverridden: Set<string>;
  warnings: string[];
}

/**
 * Applies a profile, then config overrides, to check definitions.
 * Throws for an unknown profile; unknown check ids in overrides become warnings.
 * @public
 */
export function resolveChecks(
  definitions: readonly CheckDefinition[],
  profileName: string,
  overrides: ReadinessOverrides = {},
  profiles: Record<string, ReadinessProfile> = builtInProfiles,
): ResolvedChecks {
  const profile = profiles[profileName];
  if (!profile) {
    throw new Error(
      `Unknown profile "${profileName}" (known profiles: ${Object.keys(
        profiles,
      ).join(', ')})`,
    );
  }
  const known = new Set(definitions.map(d => d.id));
  const warnings = Object.keys(overrides.checks ?? {})
    .filter(id => !known.has(id))
    .map(id => `Override for unknown check "${id}" ignored`);
  const severityOverridden = new Set<string>();
  const checks = definitions.map(definition => {
    const layers: Array<CheckOverride | undefined> = [
      profile.checks[definition.id],
      overrides.checks?.[definition.id],
    ];
    let enabled = definition.enabledByDefault !== false;
    let severity = definition.severity;
    for (const layer of layers) {
      if (layer?.enabled !== undefined) enabled = layer.enabled;
      if (layer?.severity !== undefined) {
        severity = layer.severity;
        severityOverridden.add(definition.id);
      }
    }
    return { ...definition, severity, enabled };
  });
  return { checks, severityOverridden, warnings };
}

import {
  Exemption,
  LevelDefinition,
  validateExemption,
} from '@hatchway/plugin-readiness-common';
import { parse } from 'yaml';
import { CheckSettings, ReadinessOverrides } from '../engine/types';
import { InputError } from './load';

/** What a `--config` file may hold. */
export interface CliConfig {
  profile?: string;
  overrides: ReadinessOverrides;
  exemptions: Exemption[];
  allowAnnotationExemptions?: boolean;
  levels?: LevelDefinition[];
  settings?: CheckSettings;
}

const KEYS = [
  'profile',
  'checks',
  'exemptions',
  'allowAnnotationExemptions',
  'levels',
  'settings',
];

const isRecord = (value: unknown): value is Record<string, any> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads a config file:
 *
 * ```yaml
 * profile: production
 * checks:
 *   liveness-probe: { enabled: false }
 *   image-tag: { severity: warning }
 * exemptions:
 *   - checkIds: [no-host-network]
 *     match: { namespace: kube-system, namePrefix: cilium }
 *     reason: The CNI needs the host network
 *     owner: group:default/platform
 *     expiresAt: 2026-06-30T00:00:00Z
 * allowAnnotationExemptions: false
 * ```
 *
 * Mistakes are errors rather than warnings: a misspelt key would silently weaken a CI gate.
 */
export function parseConfig(
  text: string,
  source: string,
  now: Date,
): CliConfig {
  let value: unknown;
  try {
    value = parse(text) ?? {};
  } catch (error) {
    throw new InputError(
      `${source}: invalid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!isRecord(value))
    throw new InputError(`${source}: expected a mapping at the top level`);
  const unknown = Object.keys(value).filter(key => !KEYS.includes(key));
  if (unknown.length) {
    throw new InputError(
      `${source}: unknown key ${unknown.join(', ')} (known: ${KEYS.join(
        ', ',
      )})`,
    );
  }
  const config: CliConfig = { overrides: { checks: {} }, exemptions: [] };
  if (value.profile !== undefined) config.profile = String(value.profile);
  for (const [id, override] of Object.entries(value.checks ?? {})) {
    const severity = isRecord(override) ? override.severity : undefined;
    const enabled = isRecord(override) ? override.enabled : undefined;
    if (
      !isRecord(override) ||
      (severity !== undefined &&
        severity !== 'danger' &&
        severity !== 'warning') ||
      (enabled !== undefined && typeof enabled !== 'boolean')
    ) {
      throw new InputError(
        `${source}: checks.${id} must be { severity?: danger|warning, enabled?: true|false }`,
      );
    }
    config.overrides.checks![id] = {
      ...(severity && { severity }),
      ...(enabled !== undefined && { enabled }),
    };
  }
  if (value.exemptions !== undefined && !Array.isArray(value.exemptions)) {
    throw new InputError(`${source}: exemptions must be a list`);
  }
  (value.exemptions ?? []).forEach((raw: unknown, index: number) => {
    const given = isRecord(raw) ? raw : {};
    // YAML turns unquoted timestamps into Dates; exemptions hold ISO strings.
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    const exemption = {
      id: `config-${index + 1}`,
      createdBy: source,
      createdAt: now.toISOString(),
      match: {},
      ...given,
      expiresAt: iso(given.expiresAt),
    } as Exemption;
    if (given.createdAt !== undefined)
      exemption.createdAt = iso(given.createdAt) as string;
    const problems = validateExemption(exemption);
    if (problems.length) {
      throw new InputError(
        `${source}: exemptions[${index}]: ${problems.join('; ')}`,
      );
    }
    config.exemptions.push(exemption);
  });
  if (value.allowAnnotationExemptions !== undefined) {
    config.allowAnnotationExemptions = value.allowAnnotationExemptions === true;
  }
  if (value.levels !== undefined) {
    if (
      !Array.isArray(value.levels) ||
      !value.levels.every(
        l => isRecord(l) && l.id && Array.isArray(l.requirements),
      )
    ) {
      throw new InputError(
        `${source}: levels must be a list of { id, title, requirements: [...] }`,
      );
    }
    config.levels = value.levels;
  }
  if (value.settings !== undefined) {
    if (!isRecord(value.settings))
      throw new InputError(`${source}: settings must be a mapping`);
    config.settings = value.settings;
  }
  return config;
}

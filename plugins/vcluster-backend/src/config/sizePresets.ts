import {
  BUILT_IN_SIZE_PRESETS,
  VClusterSizePreset,
} from '@hatchway/plugin-vcluster-node';

/** A size preset with its dialog description. @internal */
export interface SizeOption extends VClusterSizePreset {
  description: string;
}

/** The built-in presets of `@hatchway/plugin-vcluster-node`, described for the create dialog. */
export function builtInSizes(): Map<string, SizeOption> {
  return new Map(
    Object.entries(BUILT_IN_SIZE_PRESETS).map(([name, preset]) => [
      name,
      { ...preset, description: describeSize(preset) },
    ]),
  );
}

/**
 * What the create dialog says of a preset whose config gives no description, from what it
 * grants: `2 CPUs, 4Gi memory requested; 8 hours by default, at most 3 days`.
 */
export function describeSize(preset: VClusterSizePreset): string {
  const cpu = preset.quota['requests.cpu'];
  const memory = preset.quota['requests.memory'];
  const granted = [
    cpu && `${cpu} ${cpu === '1' ? 'CPU' : 'CPUs'}`,
    memory && `${memory} memory`,
  ].filter(Boolean);
  const requested = granted.length ? `${granted.join(', ')} requested; ` : '';
  return `${requested}${duration(
    preset.defaultTtlHours,
  )} by default, at most ${duration(preset.maxTtlHours)}`;
}

const plural = (n: number, unit: string) =>
  n === 1 ? `1 ${unit}` : `${n} ${unit}s`;

function duration(hours: number): string {
  if (hours % 168 === 0) return plural(hours / 168, 'week');
  if (hours % 24 === 0) return plural(hours / 24, 'day');
  return plural(hours, 'hour');
}

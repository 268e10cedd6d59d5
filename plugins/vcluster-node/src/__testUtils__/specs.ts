import { BUILT_IN_SIZE_PRESETS } from '../render/sizePresets';
import type { VClusterSpec } from '../provisioner/types';

/** A spec as the backend would hand it over, for the given preset. */
export function specFor(
  name: string,
  preset: keyof typeof BUILT_IN_SIZE_PRESETS = 'small',
  overrides: Partial<VClusterSpec> = {},
): VClusterSpec {
  return {
    name,
    cluster: 'host',
    owner: 'user:default/jane',
    size: BUILT_IN_SIZE_PRESETS[preset],
    kubeconfigServer: `https://${name}.vcluster-${name}.svc:443`,
    ...overrides,
  };
}

import type {
  KubernetesObject,
  V1ResourceQuota,
} from '@kubernetes/client-node';
import type { ChartValues } from '../chart/ChartValues';
import { chartLabels, Release } from './metadata';

/** The chart quotes every quantity (`{{ $val | quote }}`): numbers become strings. */
const quoted = (quantities: Record<string, string | number>) =>
  Object.fromEntries(
    Object.entries(quantities).map(([key, value]) => [key, String(value)]),
  );

/** A LimitRange as the API server reads it (client-node's model says `_default`). */
export interface LimitRangeManifest extends KubernetesObject {
  spec: { limits: Array<Record<string, Record<string, string> | string>> };
}

const isOn = (enabled: boolean | string) => String(enabled) === 'true';

/**
 * Whether the chart renders the policies at all: `auto` on both (the chart's default) renders
 * neither; `true` on either renders both unless the other is explicitly `false`.
 */
function rendered(values: ChartValues, which: 'resourceQuota' | 'limitRange') {
  const { resourceQuota, limitRange } = values.policies;
  const anyOn = isOn(resourceQuota.enabled) || isOn(limitRange.enabled);
  return anyOn && String(values.policies[which].enabled) !== 'false';
}

/** ResourceQuota `vc-<name>` from `policies.resourceQuota`, or undefined when not rendered. */
export function renderResourceQuota(
  release: Release,
  values: ChartValues,
): V1ResourceQuota | undefined {
  if (!rendered(values, 'resourceQuota')) return undefined;
  const { quota } = values.policies.resourceQuota;
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: {
      name: `vc-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
    },
    spec: Object.keys(quota).length > 0 ? { hard: quoted(quota) } : {},
  };
}

/** LimitRange `vc-<name>` from `policies.limitRange`, or undefined when not rendered. */
export function renderLimitRange(
  release: Release,
  values: ChartValues,
): LimitRangeManifest | undefined {
  if (!rendered(values, 'limitRange')) return undefined;
  const limits = values.policies.limitRange;
  const nonEmpty = (key: 'min' | 'max') =>
    Object.keys(limits[key] ?? {}).length > 0
      ? { [key]: quoted(limits[key]) }
      : {};
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: {
      name: `vc-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
    },
    spec: {
      limits: [
        {
          default: quoted(limits.default),
          defaultRequest: quoted(limits.defaultRequest),
          ...nonEmpty('min'),
          ...nonEmpty('max'),
          type: 'Container',
        },
      ],
    },
  };
}

import type { V1Secret } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { ChartValues } from '../chart/ChartValues';
import { chartLabels, Release } from './metadata';

/** The config document (`vcluster.yaml`) the syncer reads, as YAML with sorted keys like Helm's. */
export function configYaml(values: ChartValues): string {
  return stringify(values, { sortMapEntries: true });
}

/** The pod template's `vClusterConfigHash`: changes whenever the config does. */
export function configHash(yaml: string): string {
  return createHash('sha256').update(yaml).digest('hex');
}

/**
 * Secret `vc-config-<name>` with key `config.yaml`: the merged values, mounted into the control
 * plane at `/var/lib/vcluster`. It carries no credentials, only configuration.
 */
export function renderConfigSecret(release: Release, yaml: string): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `vc-config-${release.name}`,
      namespace: release.namespace,
      labels: chartLabels(release),
    },
    type: 'Opaque',
    data: { 'config.yaml': Buffer.from(yaml).toString('base64') },
  };
}

import type {
  VCluster,
  VClusterPortalConfig,
} from '@hatchway/plugin-vcluster-common';

const HOUR = 3_600_000;

/** A vCluster created two hours ago that expires in six, Ready unless overridden. */
export function vcluster(overrides: Partial<VCluster> = {}): VCluster {
  const name = overrides.name ?? 'demo';
  const now = Date.now();
  return {
    name,
    cluster: 'emulator',
    namespace: `vcluster-${name}`,
    owner: 'user:default/guest',
    size: 'small',
    phase: 'Ready',
    createdAt: new Date(now - 2 * HOUR).toISOString(),
    readyAt: new Date(now - 2 * HOUR + 60_000).toISOString(),
    expiresAt: new Date(now + 6 * HOUR).toISOString(),
    entityRef: `resource:default/vcluster-${name}`,
    usage: {
      cpuRequestsMillicores: 250,
      memoryRequestsBytes: 512 * 1024 * 1024,
      runningHours: 2,
    },
    ...overrides,
  };
}

/** Two sizes with different limits, and two host clusters to choose from. */
export const portalConfig: VClusterPortalConfig = {
  hostClusters: ['emulator', 'edge'],
  defaultCluster: 'emulator',
  sizes: [
    {
      name: 'small',
      description: '1 CPU, 2 GiB',
      defaultTtlHours: 8,
      maxTtlHours: 72,
    },
    {
      name: 'medium',
      description: '2 CPU, 4 GiB',
      defaultTtlHours: 4,
      maxTtlHours: 24,
    },
  ],
  defaultSize: 'small',
  nameMaxLength: 52,
};

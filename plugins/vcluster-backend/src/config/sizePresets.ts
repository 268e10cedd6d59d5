import type { VClusterSizePreset } from '@hatchway/plugin-vcluster-node';

/** A size preset with its dialog description. @internal */
export interface SizeOption extends VClusterSizePreset {
  description?: string;
}

/**
 * Built-in presets: `small` for a feature branch or a workshop (a day by default), `medium` for a
 * team's shared test environment (up to a week). Both forbid LoadBalancer Services, which cost
 * money on every cloud.
 */
export const BUILT_IN_SIZES: Readonly<Record<string, SizeOption>> = {
  small: {
    name: 'small',
    description: '2 CPUs, 4 GiB requested; 8 hours by default, at most 3 days',
    quota: {
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'limits.cpu': '4',
      'limits.memory': '8Gi',
      pods: '20',
      persistentvolumeclaims: '5',
      'services.loadbalancers': '0',
    },
    limits: {
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
    },
    controlPlane: {
      requests: { cpu: '200m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    },
    defaultTtlHours: 8,
    maxTtlHours: 72,
  },
  medium: {
    name: 'medium',
    description: '4 CPUs, 8 GiB requested; a day by default, at most a week',
    quota: {
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.cpu': '8',
      'limits.memory': '16Gi',
      pods: '50',
      persistentvolumeclaims: '10',
      'services.loadbalancers': '0',
    },
    limits: {
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '1', memory: '1Gi' },
    },
    controlPlane: {
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '2', memory: '2Gi' },
    },
    defaultTtlHours: 24,
    maxTtlHours: 168,
  },
};

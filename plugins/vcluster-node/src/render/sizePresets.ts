import type { VClusterSizePreset } from '../provisioner/types';

/** What no built-in preset allows: LoadBalancer Services cost money on every cloud. */
const NO_LOAD_BALANCERS = { 'services.loadbalancers': '0' };

/**
 * The presets Hatchway ships for `vcluster.sizes` when config names none: `small` for a feature
 * branch or a workshop, `medium` for a team's shared test environment, `large` for load or
 * integration tests of a whole system. Quotas cap what runs inside the vCluster (synced pods
 * count against the host namespace's quota, the control plane too); the control plane's own
 * resources grow with the size because its API server's memory grows with the number of objects.
 * @public
 */
export const BUILT_IN_SIZE_PRESETS: Readonly<
  Record<string, VClusterSizePreset>
> = {
  small: {
    name: 'small',
    quota: {
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'limits.cpu': '4',
      'limits.memory': '8Gi',
      'requests.storage': '20Gi',
      pods: '20',
      persistentvolumeclaims: '5',
      ...NO_LOAD_BALANCERS,
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
    quota: {
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.cpu': '8',
      'limits.memory': '16Gi',
      'requests.storage': '50Gi',
      pods: '50',
      persistentvolumeclaims: '10',
      ...NO_LOAD_BALANCERS,
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
  large: {
    name: 'large',
    quota: {
      'requests.cpu': '8',
      'requests.memory': '16Gi',
      'limits.cpu': '16',
      'limits.memory': '32Gi',
      'requests.storage': '100Gi',
      pods: '100',
      persistentvolumeclaims: '20',
      ...NO_LOAD_BALANCERS,
    },
    limits: {
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '1', memory: '1Gi' },
    },
    controlPlane: {
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '4', memory: '4Gi' },
    },
    defaultTtlHours: 72,
    maxTtlHours: 336,
  },
};

import type {
  V1PodSecurityContext,
  V1ResourceRequirements,
  V1SecurityContext,
} from '@kubernetes/client-node';
import type { ValuesDocument } from './mergeValues';

/** Registry, repository and tag, as the chart's image values spell them. */
export interface ChartImage {
  registry: string;
  repository: string;
  tag: string;
}

interface Probe {
  enabled: boolean;
  failureThreshold: number;
  initialDelaySeconds?: number;
  timeoutSeconds: number;
  periodSeconds: number;
}

type Quantities = Record<string, string | number>;

/**
 * The part of the vcluster chart's values (at the pinned version) that the renderer reads. The
 * full document has many more keys; they travel untouched into the config Secret.
 */
export interface ChartValues extends ValuesDocument {
  controlPlane: {
    distro: {
      k8s: {
        image: ChartImage;
        imagePullPolicy: string;
        securityContext: V1SecurityContext;
        resources: V1ResourceRequirements;
      };
    };
    statefulSet: {
      annotations: Record<string, string>;
      labels: Record<string, string>;
      image: ChartImage;
      imagePullPolicy: string;
      resources: V1ResourceRequirements;
      highAvailability: { replicas: number };
      security: {
        podSecurityContext: V1PodSecurityContext;
        containerSecurityContext: V1SecurityContext;
      };
      persistence: {
        volumeClaim: {
          retentionPolicy: string;
          size: string;
          storageClass: string;
          accessModes: string[];
        };
      };
      enableServiceLinks: boolean;
      scheduling: { podManagementPolicy: string };
      probes: {
        livenessProbe: Probe;
        readinessProbe: Probe;
        startupProbe: Probe;
      };
    };
    service: { spec: { type: string } };
  };
  policies: {
    resourceQuota: { enabled: boolean | string; quota: Quantities };
    limitRange: {
      enabled: boolean | string;
      default: Quantities;
      defaultRequest: Quantities;
      min: Quantities;
      max: Quantities;
    };
  };
  experimental: { deploy: { host: { manifests: string } } };
  logging?: { encoding?: string };
}

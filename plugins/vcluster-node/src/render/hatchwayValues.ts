import type { V1SecurityContext } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { ValuesDocument } from '../chart/mergeValues';
import {
  VCLUSTER_CHART_VERSION,
  VCLUSTER_IMAGE_REGISTRY,
  VCLUSTER_KUBERNETES_IMAGE_TAG,
  VCLUSTER_IMAGE_REPOSITORY,
} from '../chart/version';
import { vclusterNamespace, VClusterSpec } from '../provisioner/types';
import { renderIsolationPolicy } from './isolationPolicy';
import { readinessExemption } from './metadata';
import {
  DEFAULT_KUBECONFIG_SERVICE_ACCOUNT,
  VClusterRenderOptions,
} from './options';

/**
 * The non-root user and group of the control plane: the ones upstream's rootless end-to-end suite
 * runs the k8s distro with (`test/e2e_rootless/values.yaml`), so this is a tested setup.
 */
export const CONTROL_PLANE_UID = 12345;

/**
 * Hardened container security context. Helm merges it over the chart's default
 * (`allowPrivilegeEscalation: false, runAsUser: 0, runAsGroup: 0`), so both ids are overridden.
 * The root filesystem stays writable: upstream does not test vcluster with a read-only one.
 */
const hardenedContainer: V1SecurityContext = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  runAsUser: CONTROL_PLANE_UID,
  runAsGroup: CONTROL_PLANE_UID,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * Readiness exemptions on the control plane StatefulSet, with the reason the engine reports. The
 * pinned chart's default backing store (embedded SQLite) cannot run more than one replica, and a
 * self-service vCluster that sleeps at 0 replicas gains nothing from an etcd quorum of three.
 */
const singleReplicaExemption = readinessExemption(
  ['min-replicas', 'anti-affinity-or-spread'],
  'A vCluster control plane on embedded SQLite runs exactly one replica (vcluster chart default); it sleeps at 0.',
);

/** `<tag>@<digest>` when a digest is configured: the chart builds `registry/repo:tag`. */
const pinned = (tag: string, digest?: string) =>
  digest ? `${tag}@${digest}` : tag;

/** The host part of the kubeconfig server URL, for the control plane certificate's SANs. */
function serverHost(server: string): string | undefined {
  try {
    return new URL(server).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hatchway's values for the vcluster chart: what `helm install -f hatchway.yaml` would pass. Only
 * keys the pinned chart's `values.schema.json` accepts (tests validate this), since the chart
 * forbids unknown keys and an unknown key would otherwise be silently ignored. The direct renderer
 * merges them over the chart's defaults; the Argo CD provisioner hands them to Argo CD as they are.
 */
export function hatchwayValues(
  spec: VClusterSpec,
  options: VClusterRenderOptions = {},
): ValuesDocument {
  const namespace = vclusterNamespace(spec.name);
  const { size } = spec;
  const host = serverHost(spec.kubeconfigServer);
  const k8sTag = options.imageDigests?.kubernetes
    ? {
        tag: pinned(
          VCLUSTER_KUBERNETES_IMAGE_TAG,
          options.imageDigests.kubernetes,
        ),
      }
    : {};
  return {
    controlPlane: {
      distro: { k8s: { image: k8sTag, securityContext: hardenedContainer } },
      ...(host && { proxy: { extraSANs: [host] } }),
      statefulSet: {
        annotations: singleReplicaExemption,
        image: {
          registry: VCLUSTER_IMAGE_REGISTRY,
          repository: VCLUSTER_IMAGE_REPOSITORY,
          tag: pinned(
            VCLUSTER_CHART_VERSION,
            options.imageDigests?.controlPlane,
          ),
        },
        resources: {
          requests: size.controlPlane.requests,
          limits: size.controlPlane.limits,
        },
        security: {
          podSecurityContext: {
            runAsNonRoot: true,
            fsGroup: CONTROL_PLANE_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containerSecurityContext: hardenedContainer,
        },
        ...(options.storageClass && {
          persistence: { volumeClaim: { storageClass: options.storageClass } },
        }),
      },
    },
    policies: {
      resourceQuota: { enabled: true, quota: size.quota },
      limitRange: {
        enabled: true,
        default: size.limits.default,
        defaultRequest: size.limits.defaultRequest,
      },
    },
    exportKubeConfig: {
      server: spec.kubeconfigServer,
      serviceAccount: {
        ...(options.kubeconfigServiceAccount ??
          DEFAULT_KUBECONFIG_SERVICE_ACCOUNT),
      },
    },
    // The chart renders these verbatim into the release (templates/manifests.yaml), so Argo CD
    // creates Hatchway's NetworkPolicy together with the chart's objects.
    experimental: {
      deploy: {
        host: {
          manifests: stringify(renderIsolationPolicy(namespace, options)),
        },
      },
    },
  };
}

import type {
  V1Container,
  V1Probe,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { ChartImage, ChartValues } from '../chart/ChartValues';
import { chartLabels, Release, selectorLabels } from './metadata';

/** `registry/repository:tag`, as the chart's `vcluster.image` helper builds it. */
const imageOf = (image: ChartImage) =>
  image.registry
    ? `${image.registry}/${image.repository}:${image.tag}`
    : `${image.repository}:${image.tag}`;

/** The chart leaves imagePullPolicy out when its value is empty. */
const pullPolicy = (policy: string) =>
  policy ? { imagePullPolicy: policy } : {};

type ProbeValues = ChartValues['controlPlane']['statefulSet']['probes'];

/** The control plane's HTTPS probes; all three target its proxy on 8443. */
function probes(values: ProbeValues): Partial<V1Container> {
  const probe = (path: string, p: ProbeValues['livenessProbe']): V1Probe => ({
    httpGet: { path, port: 8443, scheme: 'HTTPS' },
    ...(p.initialDelaySeconds !== undefined && {
      initialDelaySeconds: p.initialDelaySeconds,
    }),
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
  });
  return {
    ...(values.livenessProbe.enabled && {
      livenessProbe: probe('/healthz', values.livenessProbe),
    }),
    ...(values.readinessProbe.enabled && {
      readinessProbe: probe('/readyz', values.readinessProbe),
    }),
    ...(values.startupProbe.enabled && {
      startupProbe: probe('/readyz', values.startupProbe),
    }),
  };
}

const fieldEnv = (name: string, fieldPath: string) => ({
  name,
  valueFrom: { fieldRef: { fieldPath } },
});

/** The `syncer` container: the vCluster control plane itself. */
function syncer(release: Release, values: ChartValues): V1Container {
  const sts = values.controlPlane.statefulSet;
  return {
    name: 'syncer',
    image: imageOf(sts.image),
    ...pullPolicy(sts.imagePullPolicy),
    ...probes(sts.probes),
    securityContext: sts.security.containerSecurityContext,
    resources: sts.resources,
    env: [
      { name: 'VCLUSTER_NAME', value: release.name },
      ...(values.logging
        ? [
            {
              name: 'LOFT_LOG_ENCODING',
              value: values.logging.encoding || 'console',
            },
          ]
        : []),
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_IP', 'status.podIP'),
      fieldEnv('NODE_NAME', 'spec.nodeName'),
      fieldEnv('NODE_IP', 'status.hostIP'),
    ],
    volumeMounts: [
      { name: 'data', mountPath: '/data' },
      { name: 'binaries', mountPath: '/binaries' },
      { name: 'certs', mountPath: '/pki' },
      { name: 'helm-cache', mountPath: '/.cache/helm' },
      { name: 'vcluster-config', mountPath: '/var/lib/vcluster' },
      { name: 'tmp', mountPath: '/tmp' },
    ],
  };
}

/** The k8s distro's init container: copies kube-apiserver and friends into `/binaries`. */
function kubernetesBinaries(values: ChartValues): V1Container {
  const k8s = values.controlPlane.distro.k8s;
  return {
    name: 'kubernetes',
    image: imageOf(k8s.image),
    volumeMounts: [{ mountPath: '/binaries', name: 'binaries' }],
    command: ['cp'],
    args: ['-r', '/kubernetes/.', '/binaries/'],
    ...pullPolicy(k8s.imagePullPolicy),
    securityContext: k8s.securityContext,
    resources: k8s.resources,
  };
}

/**
 * The control plane StatefulSet as `templates/statefulset.yaml` renders it for the default
 * distro (k8s) and backing store (embedded SQLite, hence a data volume claim). `configHash`
 * plays the chart's `vClusterConfigHash`: a changed config rolls the pod.
 */
export function renderControlPlane(
  release: Release,
  values: ChartValues,
  configHash: string,
): V1StatefulSet {
  const sts = values.controlPlane.statefulSet;
  const claim = sts.persistence.volumeClaim;
  const annotations = sts.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: release.name,
      namespace: release.namespace,
      labels: { ...chartLabels(release), ...sts.labels },
      ...(Object.keys(annotations).length > 0 && { annotations }),
    },
    spec: {
      selector: { matchLabels: selectorLabels(release) },
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: claim.retentionPolicy,
      },
      serviceName: `${release.name}-headless`,
      podManagementPolicy: sts.scheduling.podManagementPolicy,
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: claim.accessModes,
            ...(claim.storageClass && { storageClassName: claim.storageClass }),
            resources: { requests: { storage: claim.size } },
          },
        },
      ],
      replicas: sts.highAvailability.replicas,
      template: {
        metadata: {
          annotations: { vClusterConfigHash: configHash },
          labels: selectorLabels(release),
        },
        spec: {
          terminationGracePeriodSeconds: 15,
          securityContext: sts.security.podSecurityContext,
          serviceAccountName: `vc-${release.name}`,
          volumes: [
            { name: 'helm-cache', emptyDir: {} },
            { name: 'binaries', emptyDir: {} },
            { name: 'tmp', emptyDir: {} },
            { name: 'certs', emptyDir: {} },
            {
              name: 'vcluster-config',
              secret: { secretName: `vc-config-${release.name}` },
            },
          ],
          initContainers: [kubernetesBinaries(values)],
          enableServiceLinks: sts.enableServiceLinks,
          containers: [syncer(release, values)],
        },
      },
    },
  };
}

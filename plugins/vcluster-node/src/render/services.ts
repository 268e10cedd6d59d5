import type { V1Service } from '@kubernetes/client-node';
import type { ChartValues } from '../chart/ChartValues';
import { chartLabels, Release, selectorLabels } from './metadata';

/**
 * Service `<name>`: 443 to the control plane's 8443, plus the kubelet port the chart adds while
 * `networking.advanced.proxyKubelets.byHostname` is on (its default) and the Service is not a
 * LoadBalancer. The chart's `nodePort: 0` means "unset" and is left out.
 */
export function renderService(
  release: Release,
  values: ChartValues,
): V1Service {
  const type = values.controlPlane.service.spec.type;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: release.name,
      namespace: release.namespace,
      labels: { ...chartLabels(release), 'vcluster.loft.sh/service': 'true' },
    },
    spec: {
      type,
      ports: [
        { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
        ...(type === 'LoadBalancer'
          ? []
          : [
              {
                name: 'kubelet',
                port: 10250,
                targetPort: 8443,
                protocol: 'TCP',
              },
            ]),
      ],
      selector: selectorLabels(release),
    },
  };
}

/** Service `<name>-headless`: the StatefulSet's governing Service. */
export function renderHeadlessService(release: Release): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `${release.name}-headless`,
      namespace: release.namespace,
      labels: chartLabels(release),
    },
    spec: {
      publishNotReadyAddresses: true,
      ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
      clusterIP: 'None',
      selector: selectorLabels(release),
    },
  };
}

import type {
  KubernetesObject,
  V1NetworkPolicyEgressRule,
  V1NetworkPolicyPeer,
  V1NetworkPolicyPort,
} from '@kubernetes/client-node';
import { ipv4CidrContains } from './ipv4';
import { DEFAULT_API_SERVER_EGRESS, VClusterRenderOptions } from './options';

/** The cloud metadata endpoint: node credentials for whoever reaches it. */
export const METADATA_ENDPOINT = '169.254.169.254';

/** Name of Hatchway's NetworkPolicy in every vCluster namespace. @public */
export const ISOLATION_POLICY_NAME = 'hatchway-isolation';

/**
 * A NetworkPolicy as the API server reads it. client-node's `V1NetworkPolicy` names the ingress
 * peers `_from`; manifests say `from`.
 */
export interface NetworkPolicyManifest extends KubernetesObject {
  spec: {
    podSelector: object;
    policyTypes: string[];
    ingress: Array<{
      from: V1NetworkPolicyPeer[];
      ports?: V1NetworkPolicyPort[];
    }>;
    egress: V1NetworkPolicyEgressRule[];
  };
}

/** The control plane's container port, behind the Service's 443. */
const CONTROL_PLANE_PORT = 8443;

/** An ipBlock peer; any block wide enough to hold the metadata endpoint excepts it. */
function ipBlockPeer(cidr: string): V1NetworkPolicyPeer {
  return ipv4CidrContains(cidr, METADATA_ENDPOINT)
    ? { ipBlock: { cidr, except: [`${METADATA_ENDPOINT}/32`] } }
    : { ipBlock: { cidr } };
}

/**
 * Hatchway's NetworkPolicy for a vCluster namespace. It selects every pod (the control plane and
 * everything synced from inside), so the namespace is default-deny both ways, and then allows:
 * ingress from the namespace itself and from the configured portal/gateway namespaces (to the
 * control plane's port only); egress to the cluster DNS, within the namespace, and to the host
 * API server, never to the metadata endpoint.
 */
export function renderIsolationPolicy(
  namespace: string,
  options: VClusterRenderOptions,
): NetworkPolicyManifest {
  const apiServer = options.apiServerEgress ?? DEFAULT_API_SERVER_EGRESS;
  const ingress: NetworkPolicyManifest['spec']['ingress'] = [
    { from: [{ podSelector: {} }] },
  ];
  if (options.ingressNamespaceSelector) {
    ingress.push({
      from: [{ namespaceSelector: options.ingressNamespaceSelector }],
      ports: [{ protocol: 'TCP', port: CONTROL_PLANE_PORT }],
    });
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: ISOLATION_POLICY_NAME, namespace },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
        { to: [{ podSelector: {} }] },
        {
          to: apiServer.cidrs.map(ipBlockPeer),
          ports: apiServer.ports.map(port => ({ protocol: 'TCP', port })),
        },
      ],
    },
  };
}

/**
 * How the Backstage Kubernetes plugin reaches one Ready vCluster, as
 * `GET /api/vcluster/kubernetes/clusters` answers it (to the `kubernetes` plugin only).
 * `token` is a credential: it never goes into a log line or a response to a user.
 * @internal
 */
export interface VClusterConnection {
  /** The vCluster's name; the Kubernetes plugin knows it as `vcluster-<name>`. */
  name: string;
  /** Its host cluster. */
  cluster: string;
  owner: string;
  /** The API server, from the kubeconfig with the configured `kubeconfigServer` applied. */
  url: string;
  /** Base64 PEM of the CA, when the kubeconfig carries one. */
  caData?: string;
  skipTLSVerify: boolean;
  /** The bearer token of the kubeconfig's user (the `exportKubeConfig` service account). */
  token: string;
}

/** @internal */
export interface ListVClusterConnectionsResponse {
  items: VClusterConnection[];
}

/** The plugin whose service identity may read connections. */
export const KUBERNETES_PLUGIN_SUBJECT = 'plugin:kubernetes';

import type { V1LabelSelector } from '@kubernetes/client-node';

/** Where the vCluster's pods may open connections to the host's API server. @public */
export interface ApiServerEgress {
  /** CIDRs of the API server's endpoints (after the `kubernetes` Service's DNAT). */
  cidrs: string[];
  ports: number[];
}

/**
 * The service account inside the vCluster whose token handed-out kubeconfigs carry
 * (`exportKubeConfig.serviceAccount`), so access can be revoked by deleting it.
 * @public
 */
export interface KubeconfigServiceAccount {
  name: string;
  namespace: string;
  clusterRole: string;
}

/**
 * The portal's own rights inside each vCluster namespace: a RoleBinding of `clusterRole` to the
 * portal's ServiceAccount, for charts that give the portal no cluster-wide write.
 * @public
 */
export interface ManagerRoleBinding {
  /** The ClusterRole bound in each vCluster namespace (the portal needs `bind` on it). */
  clusterRole: string;
  /** The portal's ServiceAccount. */
  serviceAccount: { namespace: string; name: string };
}

/** Platform choices that are the same for every vCluster on a host cluster. @public */
export interface VClusterRenderOptions {
  /**
   * Namespaces (besides the vCluster's own) allowed to connect to it, e.g. the portal's and the
   * gateway's. Unset: only the vCluster's own namespace.
   */
  ingressNamespaceSelector?: V1LabelSelector;
  /** Default: any address except the metadata endpoint, on ports 443 and 6443. */
  apiServerEgress?: ApiServerEgress;
  /**
   * `sha256:…` digests pinning the control plane and the Kubernetes binaries images; the chart
   * takes them as `<tag>@<digest>`.
   */
  imageDigests?: { controlPlane?: string; kubernetes?: string };
  /** Default: `hatchway-admin` in `kube-system` bound to `cluster-admin`. */
  kubeconfigServiceAccount?: KubeconfigServiceAccount;
  /** StorageClass of the control plane's data volume; default: the cluster's default class. */
  storageClass?: string;
  /**
   * RoleBinding `hatchway-manager`, applied right after the Namespace. The direct provisioner
   * writes everything else through it. The Argo CD provisioner applies the Namespace and this
   * binding before the Application: Argo CD deploys with its own rights, but the portal still
   * reads the kubeconfig Secret and observes, sleeps and wakes the control plane there.
   * Unset: the portal has its rights cluster-wide.
   */
  managerRoleBinding?: ManagerRoleBinding;
}

/** The defaults of {@link VClusterRenderOptions}. @public */
export const DEFAULT_API_SERVER_EGRESS: ApiServerEgress = {
  cidrs: ['0.0.0.0/0'],
  ports: [443, 6443],
};

/** @public */
export const DEFAULT_KUBECONFIG_SERVICE_ACCOUNT: KubeconfigServiceAccount = {
  name: 'hatchway-admin',
  namespace: 'kube-system',
  clusterRole: 'cluster-admin',
};

export interface Config {
  /** Hatchway vClusters: self-service virtual clusters on the configured host clusters. */
  vcluster?: {
    /**
     * Host clusters vClusters may be created on, by name from `kubernetes.clusterLocatorMethods`.
     * Default: the first configured cluster with the `direct` provisioner.
     */
    hostClusters?: Array<{
      /** The cluster's name in `kubernetes.clusterLocatorMethods`. */
      name: string;
      /** `direct` (server-side apply of the chart's objects) or `argocd`. Default `direct`. */
      provisioner?: string;
      /**
       * The server written into downloaded kubeconfigs, with `{name}`, `{namespace}` and
       * `{cluster}` filled in, e.g. `https://{name}.{namespace}.svc:443` or an ingress host.
       * Unset: the server the vCluster wrote into its Secret is handed out unchanged (local use
       * with the emulator, whose nested API servers listen on loopback).
       */
      kubeconfigServer?: string;
      /** This host cluster's namespaces allowed to reach vCluster API servers, over `vcluster.ingressNamespaces`. */
      ingressNamespaces?: string[];
      /** This host cluster's image digests, over `vcluster.imageDigests`. */
      imageDigests?: {
        controlPlane?: string;
        kubernetes?: string;
      };
      /**
       * For a portal whose chart grants it no cluster-wide write on namespaced kinds. Right after
       * creating namespace `vcluster-<name>`, the portal applies RoleBinding `hatchway-manager`
       * there, binding `clusterRole` to `serviceAccount` (the portal's own), and writes everything
       * else through it; the binding goes with the namespace. The portal needs `bind` on that
       * ClusterRole. With `argocd` the portal applies the namespace and the binding before the
       * Application, since it reads the kubeconfig Secret and sleeps and wakes the control plane.
       */
      managerRoleBinding?: {
        /** The ClusterRole bound in each vCluster namespace. */
        clusterRole: string;
        /** The portal's ServiceAccount. */
        serviceAccount: {
          namespace: string;
          name: string;
        };
      };
    }>;
    /**
     * Digests (`sha256:<64 hex digits>`) of the pinned vcluster images, so rendered control
     * planes run `<image>:<tag>@<digest>`: what a production cluster's admission and the
     * readiness `production` profile (`image-digest`) ask for. Hatchway cannot look them up
     * offline; take them from the registry for the pinned versions
     * (`ghcr.io/loft-sh/vcluster-oss:<chart version>`, `ghcr.io/loft-sh/kubernetes:<tag>`).
     */
    imageDigests?: {
      /** Of the control plane (syncer) image. */
      controlPlane?: string;
      /** Of the Kubernetes binaries image (the init container). */
      kubernetes?: string;
    };
    /**
     * Namespaces whose pods may reach each vCluster's API server (port 8443) through the
     * vCluster's isolation NetworkPolicy: the portal's (usage readings, the Kubernetes plugin's
     * vCluster clusters) and the session runners' (a vCluster's shell runs kubectl there).
     * Unset: only the vCluster's own namespace, which is enough on the emulator, where
     * NetworkPolicies are not enforced.
     */
    ingressNamespaces?: string[];
    /** The built-in `argocd` provisioner (host clusters with `provisioner: argocd`). */
    argocd?: {
      /** The namespace Argo CD watches for Applications. Default `argocd`. */
      namespace?: string;
      /** The AppProject of the Applications. Default `default`. */
      project?: string;
    };
    /**
     * Size presets by name. Setting any replaces the built-in `small`, `medium` and `large`
     * (`BUILT_IN_SIZE_PRESETS` of `@hatchway/plugin-vcluster-node`); fields left out are taken
     * from the built-in preset of the same name, else from `small`.
     */
    sizes?: {
      [name: string]: {
        /** Shown in the create dialog. Default: what the preset grants, e.g. `2 CPUs, 4Gi memory requested; 8 hours by default, at most 3 days`. */
        description?: string;
        /** ResourceQuota `spec.hard` of the host namespace, e.g. `{ requests.cpu: '2' }`. */
        quota?: { [resource: string]: string };
        /** LimitRange container defaults for workloads synced from inside. */
        limits?: {
          defaultRequest?: { [resource: string]: string };
          default?: { [resource: string]: string };
        };
        /** Resources of the control plane container. */
        controlPlane?: {
          requests?: { [resource: string]: string };
          limits?: { [resource: string]: string };
        };
        /** TTL when the creator gives none. */
        defaultTtlHours?: number;
        /** The longest TTL a creator may ask for (also on extension). */
        maxTtlHours?: number;
      };
    };
    /** The preset the create dialog preselects. Default: `small`, else the first preset. */
    defaultSize?: string;
    /** How many vClusters one owner may have at a time (all phases count). */
    quotas?: {
      /** Per user owner. Default 3. */
      perUser?: number;
      /** Per group owner. Default 10. */
      perGroup?: number;
    };
    /** Idle sleep. */
    idle?: {
      /**
       * A Ready vCluster with no workload pods running inside and no kubeconfig download for
       * this long is put to sleep. Default 120; 0 switches idle sleep off.
       */
      sleepAfterMinutes?: number;
    };
    /** The catalog module that emits each vCluster as a Resource. */
    catalog?: {
      /** How often the entities are refreshed from the vCluster API. Default 15. */
      refreshSeconds?: number;
    };
    /** The Kubernetes module that adds every Ready vCluster as a cluster `vcluster-<name>`. */
    kubernetes?: {
      /** How often each replica re-reads the Ready vClusters. Default 15. */
      refreshSeconds?: number;
    };
    /** Reconciler timings. */
    reconcile?: {
      /** A vCluster not Ready this long after creation (or wake) is Failed. Default 600. */
      provisionTimeoutSeconds?: number;
      /** Full resync of every vCluster against its host cluster, besides watches. Default 30. */
      resyncSeconds?: number;
      /** How long one replica holds a vCluster while acting on it. Default 60. */
      leaseSeconds?: number;
      /** How often TTL expiry, TTL warnings and idle sleep are checked. Default 60. */
      housekeepingSeconds?: number;
      /** Delay before a dropped watch is started again. Default 2. */
      watchRetrySeconds?: number;
    };
  };
}

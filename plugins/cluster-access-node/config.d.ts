export interface Config {
  /** Hatchway settings. */
  hatchway?: {
    clusterAccess?: {
      /**
       * A kubeconfig file used for clusters configured without a URL and token, when the backend
       * does not run inside a cluster. Tried before the KUBECONFIG environment variable and
       * ~/.kube/config. The context named like the cluster is used, else the current context.
       */
      kubeconfigPath?: string;
    };
  };
}

import { KubernetesObject } from '@hatchway/plugin-readiness-node';

/** Everything a scan read from one cluster. */
export interface ClusterObjects {
  objects: KubernetesObject[];
  /** `apiVersion/Kind` of every kind listed, e.g. `external-secrets.io/v1beta1/ExternalSecret`. */
  listedKinds: string[];
  /** Optional kinds that could not be listed, as sentences. */
  warnings: string[];
}

export interface ReadOptions {
  /** Also list what the platform board reads: warning Events, CRDs, webhook configurations. */
  platform?: boolean;
}

/** Reads the objects the checks (and the platform board) need from a cluster. */
export interface ClusterObjectReader {
  read(
    cluster: string,
    signal?: AbortSignal,
    options?: ReadOptions,
  ): Promise<ClusterObjects>;
}

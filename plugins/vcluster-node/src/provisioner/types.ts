import type { KubeConfig } from '@kubernetes/client-node';

/**
 * What a provisioner needs to create one vCluster. The backend has validated every field and
 * resolved the size preset before a provisioner sees it.
 * @public
 */
export interface VClusterSpec {
  /** DNS-1123 label; the host namespace is `vcluster-<name>`. */
  name: string;
  /** The host cluster's name (as in `kubernetes.clusterLocatorMethods`). */
  cluster: string;
  /** The owner's entity ref (`user:default/jane` or `group:default/team-a`). */
  owner: string;
  /** Name of the size preset and its resolved quota and limits. */
  size: VClusterSizePreset;
  /**
   * The server written into handed-out kubeconfigs (`exportKubeConfig.server`), already
   * expanded from the configured template.
   */
  kubeconfigServer: string;
}

/** A size preset from config (`vcluster.sizes.<name>`). @public */
export interface VClusterSizePreset {
  name: string;
  /** ResourceQuota `spec.hard` of the vCluster's host namespace. */
  quota: Record<string, string>;
  /** LimitRange defaults for containers synced from inside the vCluster. */
  limits: {
    defaultRequest: Record<string, string>;
    default: Record<string, string>;
  };
  /** Resources of the control plane (syncer) container. */
  controlPlane: {
    requests: Record<string, string>;
    limits: Record<string, string>;
  };
  defaultTtlHours: number;
  maxTtlHours: number;
}

/** Where a vCluster is, as observed on the host cluster. @public */
export type ObservedPhase =
  | {
      phase: 'Provisioning';
      message?: string;
      /**
       * True when what it waits for next shows as a change of the vCluster's StatefulSet
       * (`app=vcluster`) or namespace, which the backend watches: it then waits for the event
       * instead of polling. Unset: the backend looks again soon (e.g. a Secret, not watched).
       */
      watched?: boolean;
    }
  | { phase: 'Ready' }
  | { phase: 'Sleeping' }
  | { phase: 'Failed'; reason: string }
  | { phase: 'Absent' };

/** Identifies one vCluster on one host cluster. @public */
export interface VClusterRef {
  name: string;
  cluster: string;
}

/**
 * Creates and manages vClusters on a host cluster. The direct provisioner applies the objects
 * the upstream chart renders; the Argo CD provisioner writes an Application. Backend modules
 * add others through `vclusterProvisionerExtensionPoint`.
 * @public
 */
export interface VClusterProvisioner {
  /** Identifies the provisioner in config (`vcluster.hostClusters[].provisioner`). */
  readonly type: string;
  /** Renders and applies (or writes the Application for) a vCluster; idempotent. */
  apply(spec: VClusterSpec, kubeConfig: KubeConfig): Promise<void>;
  /** Reads where the vCluster is from the host cluster. */
  observe(ref: VClusterRef, kubeConfig: KubeConfig): Promise<ObservedPhase>;
  /** Scales the control plane to 0 with the `loft.sh/paused*` annotations. */
  sleep(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void>;
  /** Restores the replicas recorded at sleep. */
  wake(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void>;
  /** Deletes everything of the vCluster (its host namespace); idempotent. */
  delete(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void>;
  /** Reads the kubeconfig YAML (Secret `vc-<name>`, key `config`); undefined when not there yet. */
  readKubeconfig(
    ref: VClusterRef,
    kubeConfig: KubeConfig,
  ): Promise<string | undefined>;
}

/**
 * The prefix of every vCluster's host namespace. Fixed, not configurable: the Hatchway chart's
 * RBAC and its ValidatingAdmissionPolicy confine the portal's namespace and RoleBinding writes to
 * namespaces named this way.
 * @public
 */
export const VCLUSTER_NAMESPACE_PREFIX = 'vcluster-';

/** The host namespace of a vCluster: `vcluster-<name>`. @public */
export function vclusterNamespace(name: string): string {
  return `${VCLUSTER_NAMESPACE_PREFIX}${name}`;
}

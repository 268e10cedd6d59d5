/**
 * A platform component the platform team expects on a cluster (the Sealed Secrets controller,
 * cert-manager, the ingress controller...), as config or a preset describes it.
 * @public
 */
export interface ExpectedComponent {
  /** Unique id, e.g. `cert-manager`. */
  name: string;
  title?: string;
  /** Namespaces to look in, in order; the first one with matching workloads wins. */
  namespaces: string[];
  /** Labels the component's workloads carry (all must match). */
  selector?: Record<string, string>;
  /** Or a workload by name (any of Deployment, StatefulSet, DaemonSet). */
  workloadName?: string;
  /** Ready replicas needed across the matched workloads. Default 1. */
  minReadyReplicas?: number;
  /** CustomResourceDefinitions (by name, e.g. `certificates.cert-manager.io`) that must exist. */
  crds?: string[];
  /** Validating or mutating webhook configurations (by name) that must exist. */
  webhooks?: string[];
  /** Catalog entity showing this component's live status, e.g. `component:default/cert-manager`. */
  entityRef?: string;
}

/** @public */
export type ComponentHealth = 'Healthy' | 'Degraded' | 'Missing';

/** A pod behind a component, with what an operator looks at first. @public */
export interface ComponentPod {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why it is not running well, e.g. `CrashLoopBackOff`. */
  reason?: string;
}

/** A platform component's live status on one cluster. @public */
export interface ComponentStatus {
  name: string;
  title: string;
  health: ComponentHealth;
  /** Why it is Degraded or Missing, one line each. Empty when Healthy. */
  reasons: string[];
  /** The namespace it was found in. */
  namespace?: string;
  workloads: Array<{
    kind: string;
    name: string;
    ready: number;
    desired: number;
  }>;
  pods: ComponentPod[];
  /** The last Warning events about its workloads and pods, newest first. */
  warnings: Array<{
    reason: string;
    message: string;
    object: string;
    lastSeen?: string;
  }>;
  entityRef?: string;
}

/** The platform readiness board of one cluster. @public */
export interface PlatformReadiness {
  components: ComponentStatus[];
  /** Healthy components ÷ expected components, 0–100 (100 when none are expected). */
  readyPercent: number;
}

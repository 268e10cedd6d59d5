/**
 * The wire shapes of the Pod Security view: which Pod Security Standards level each namespace
 * could enforce today, and what would be refused at a stricter one.
 */

/**
 * A Pod Security Standards level, least to most restrictive.
 * @public
 */
export type ReadinessPodSecurityLevel =
  | 'privileged'
  | 'baseline'
  | 'restricted';

/**
 * The levels, least restrictive first.
 * @public
 */
export const POD_SECURITY_LEVEL_ORDER: readonly ReadinessPodSecurityLevel[] = [
  'privileged',
  'baseline',
  'restricted',
];

/**
 * The namespace's `pod-security.kubernetes.io/*` labels, as written (unset when absent).
 * @public
 */
export interface ReadinessPodSecurityLabels {
  enforce?: string;
  enforceVersion?: string;
  audit?: string;
  auditVersion?: string;
  warn?: string;
  warnVersion?: string;
}

/**
 * One control a workload breaks, in the words Pod Security Admission uses when it refuses a pod.
 * @public
 */
export interface ReadinessPodSecurityControl {
  /** The upstream check id, e.g. `runAsNonRoot`. */
  id: string;
  /** Upstream's reason, e.g. `runAsNonRoot != true`. */
  name: string;
  /** Upstream's detail, e.g. `pod or container "app" must set securityContext.runAsNonRoot=true`. */
  message: string;
}

/**
 * A workload (a pod template's owner, or a bare pod) a level would refuse.
 * @public
 */
export interface ReadinessPodSecurityRefusal {
  apiVersion: string;
  kind: string;
  name: string;
  /** The catalog entities the workload maps to, for its findings. */
  entityRefs: string[];
  controls: ReadinessPodSecurityControl[];
}

/**
 * One namespace of one cluster: its Pod Security labels, the strictest level all its current
 * workloads meet, and what a stricter level would refuse.
 * @public
 */
export interface ReadinessPodSecurityNamespace {
  cluster: string;
  namespace: string;
  /** Owners of the catalog entities its workloads map to, e.g. `group:default/team-a`. */
  owners: string[];
  labels: ReadinessPodSecurityLabels;
  /**
   * The level Pod Security Admission enforces now: `privileged` without an enforce label;
   * an unparseable label value counts as `restricted`, as upstream treats it.
   */
  enforce: ReadinessPodSecurityLevel;
  /** The policy version the workloads were judged at: the enforce version, else latest (`v1.NN`). */
  version: string;
  /** Pods and pod-template owners judged, controller-owned pods left to their owner. */
  workloadCount: number;
  /** The strictest level every current workload would be admitted at. */
  possibleLevel: ReadinessPodSecurityLevel;
  /**
   * For each level stricter than the one enforced (and the enforced one, when workloads admitted
   * before the label break it), the workloads it would refuse and why; empty when none.
   */
  refused: Partial<
    Record<
      Exclude<ReadinessPodSecurityLevel, 'privileged'>,
      ReadinessPodSecurityRefusal[]
    >
  >;
  /** Problems with the labels, e.g. an unknown level or version. */
  warnings: string[];
  /** When the scan read the namespace. */
  scannedAt: string;
}

/**
 * `GET /pod-security?cluster=&owner=`: the namespaces of every scanned cluster (or one), sorted by
 * cluster and name; with `owner`, only those holding the owner's workloads.
 * @public
 */
export interface ReadinessPodSecurityResponse {
  filters: { cluster?: string; owner?: string };
  items: ReadinessPodSecurityNamespace[];
}

/**
 * An entity's Pod Security standing: the strictest level all its workloads meet, each at its
 * namespace's enforce version.
 * @public
 */
export interface ReadinessEntityPodSecurity {
  highestAdmissibleLevel: ReadinessPodSecurityLevel;
  workloadCount: number;
  /** The entity's workloads below `restricted`, with the level each meets. */
  limitedBy: Array<{
    cluster: string;
    namespace: string;
    kind: string;
    name: string;
    level: ReadinessPodSecurityLevel;
  }>;
}

/** The formats of `GET /pod-security/export`. @public */
export type ReadinessPodSecurityExportFormat = 'csv' | 'json';

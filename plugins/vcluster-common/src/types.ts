/**
 * Where a vCluster is in its life, as the backend records it.
 *
 * - `Provisioning`: accepted and being applied to the host cluster.
 * - `Ready`: the control plane runs and its kubeconfig can be downloaded.
 * - `Failed`: provisioning did not converge; `reason` says why.
 * - `Sleeping`: the control plane is scaled to 0; objects inside are kept.
 * - `Deleting`: the host namespace is being removed.
 * @public
 */
export type VClusterPhase =
  | 'Provisioning'
  | 'Ready'
  | 'Failed'
  | 'Sleeping'
  | 'Deleting';

/** Every phase, in life-cycle order (for filters and validation). @public */
export const VCLUSTER_PHASES: readonly VClusterPhase[] = [
  'Provisioning',
  'Ready',
  'Failed',
  'Sleeping',
  'Deleting',
];

/** What the workloads inside a vCluster request, and how long it has run. @public */
export interface VClusterUsage {
  /** Sum of the CPU requests of the pods running inside, in millicores. */
  cpuRequestsMillicores: number;
  /** Sum of the memory requests of the pods running inside, in bytes. */
  memoryRequestsBytes: number;
  /** Hours the control plane has been running (awake) in total. */
  runningHours: number;
}

/** One vCluster as the HTTP API returns it. Timestamps are ISO 8601 strings. @public */
export interface VCluster {
  name: string;
  /** The host cluster it runs on. */
  cluster: string;
  /** Its host namespace, `vcluster-<name>`. */
  namespace: string;
  /** Owner entity ref, `user:default/jane` or `group:default/team-a`. */
  owner: string;
  /** Size preset name. */
  size: string;
  phase: VClusterPhase;
  /** Why it is `Failed` (or what it waits for while `Provisioning`). */
  reason?: string;
  createdAt: string;
  readyAt?: string;
  /** When the TTL deletes it. */
  expiresAt: string;
  /** Last kubeconfig download or workload seen running inside. */
  lastActivityAt?: string;
  sleepingSince?: string;
  /** Its catalog Resource, `resource:default/vcluster-<name>`. */
  entityRef: string;
  usage?: VClusterUsage;
}

/** Filters and paging of `GET /clusters`. @public */
export interface ListVClustersQuery {
  owner?: string;
  cluster?: string;
  phase?: VClusterPhase;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of vClusters. @public */
export interface ListVClustersResponse {
  items: VCluster[];
  /** Present when more items follow. */
  nextCursor?: string;
  /** How many vClusters match the filters across all pages. */
  totalCount: number;
}

/** Body of `POST /clusters`. @public */
export interface CreateVClusterRequest {
  name: string;
  size: string;
  /** Defaults to the size's `defaultTtlHours`; at most its `maxTtlHours`. */
  ttlHours?: number;
  /** Defaults to the caller; may be a group the caller belongs to. */
  owner?: string;
  /** Host cluster; defaults to `defaultCluster` of `GET /config`. */
  cluster?: string;
}

/** A size preset as the create dialog offers it. @public */
export interface VClusterSizeOption {
  name: string;
  description?: string;
  defaultTtlHours: number;
  maxTtlHours: number;
}

/** What the create dialog needs to know (`GET /config`). @public */
export interface VClusterPortalConfig {
  hostClusters: string[];
  defaultCluster: string;
  sizes: VClusterSizeOption[];
  defaultSize: string;
  nameMaxLength: number;
}

/** Actions recorded in the audit log. @public */
export type VClusterAuditAction =
  | 'create'
  | 'delete'
  | 'sleep'
  | 'wake'
  | 'extend-ttl'
  | 'kubeconfig-download'
  | 'ttl-expired'
  | 'idle-sleep';

/** One audit row (`GET /audit`); never holds a secret. @public */
export interface VClusterAuditEvent {
  id: number;
  /** Entity ref of the user, or `system:vcluster` for the backend's own actions. */
  actor: string;
  action: VClusterAuditAction;
  cluster: string;
  result: 'succeeded' | 'failed';
  createdAt: string;
  details?: Record<string, unknown>;
}

/** Usage totals of one owner (`GET /usage`). @public */
export interface VClusterOwnerUsage extends VClusterUsage {
  owner: string;
  /** vClusters the owner has now. */
  clusters: number;
}

/** The catalog annotation that names the vCluster a Resource stands for. @public */
export const VCLUSTER_ANNOTATION = 'hatchway.dev/vcluster';

/** The catalog entity ref of a vCluster's Resource. @public */
export function vclusterEntityRef(name: string): string {
  return `resource:default/vcluster-${name}`;
}

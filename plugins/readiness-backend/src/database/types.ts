import {
  Category,
  ComponentHealth,
  ComponentStatus,
  Exemption,
  Finding,
  FindingStatus,
  ReadinessAuditEntry,
  ReadinessFinding,
  ReadinessScan,
  Score,
  Severity,
} from '@hatchway/plugin-readiness-common';

/** A finding as a scan stores it, with the labels exemptions are matched against. */
export interface FindingRecord {
  finding: Finding;
  labels: Record<string, string>;
}

/** One resource mapped to one catalog entity (a resource may map to several). */
export interface ResourceEntityRecord {
  resourceKey: string;
  entityRef: string;
  /** The entity's owner as an entity ref, e.g. `group:default/team-a`. */
  owner?: string;
}

/** What a daily snapshot is about; `owner` is an owning group's resources in one cluster. */
export type SnapshotScopeType = 'cluster' | 'namespace' | 'entity' | 'owner';

export interface SnapshotRecord {
  scopeType: SnapshotScopeType;
  /** The cluster name, the namespace name, the entity ref or the owner's entity ref. */
  scopeRef: string;
  score: Score;
}

/** Everything a successful scan of one cluster writes, atomically. */
export interface CompletedScan {
  scanId: string;
  cluster: string;
  finishedAt: Date;
  score: Score;
  objectCount: number;
  warnings: string[];
  /** Read once, in order, as they are written: a generator may make each record then. */
  findings: Iterable<FindingRecord>;
  resourceEntities: ResourceEntityRecord[];
  snapshots: SnapshotRecord[];
  /** The platform board as the scan judged it; absent leaves the stored board alone. */
  platform?: PlatformRecord;
}

/** A scan's platform board: empty when no component is expected on the cluster. */
export interface PlatformRecord {
  readyPercent: number;
  components: Array<{
    status: ComponentStatus;
    /** The catalog entities showing the component: its configured ref and those mapped to its workloads. */
    entityRefs: string[];
  }>;
}

/** A component's stored status. */
export interface StoredComponentStatus {
  cluster: string;
  scanId: string;
  since: string;
  status: ComponentStatus;
  entityRefs: string[];
}

/** One scan's platform percentage. */
export interface PlatformHistoryRow {
  scanId: string;
  at: string;
  readyPercent: number;
  healthy: number;
  expected: number;
  components: Record<string, ComponentHealth>;
}

/** Platform boards; scans write them through the scan repository. */
export interface PlatformRepository {
  /** The latest status of each component of a cluster, by name. */
  components(cluster: string): Promise<StoredComponentStatus[]>;
  /** The components (of any cluster) showing on an entity; compared case-insensitively. */
  componentsOfEntity(entityRef: string): Promise<StoredComponentStatus[]>;
  /** History rows of a cluster from `since` on, oldest first. */
  history(cluster: string, since: Date): Promise<PlatformHistoryRow[]>;
  /** The newest history row of a cluster, however old. */
  latest(cluster: string): Promise<PlatformHistoryRow | undefined>;
  /** Deletes history rows older than the time; returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** The latest scans of a cluster. */
export interface ClusterScans {
  lastScan?: ReadinessScan;
  lastSuccessfulScan?: ReadinessScan;
}

/** Scans: started, then completed (results replaced) or failed (results left alone). */
export interface ScanRepository {
  start(cluster: string, startedAt: Date): Promise<ReadinessScan>;
  /**
   * Replaces the cluster's findings, mapping and platform board, upserts the day's snapshots and
   * appends the platform history row, in one transaction.
   */
  complete(scan: CompletedScan): Promise<ReadinessScan>;
  fail(scanId: string, finishedAt: Date, error: string): Promise<ReadinessScan>;
  latestByCluster(): Promise<Map<string, ClusterScans>>;
  /** Deletes finished scans started before the time; returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** Filters of stored findings; every set field must match. */
export interface FindingFilter {
  cluster?: string;
  /** Findings in the namespace, and those about the Namespace object itself. */
  namespace?: string;
  severity?: Severity;
  category?: Category;
  checkId?: string;
  /** Resources mapped to an entity owned by this entity ref. */
  owner?: string;
  /** Resources mapped to this entity ref. */
  entityRef?: string;
  /** The effective status: an exemption past its expiry counts as failed. */
  status?: FindingStatus;
}

/** How many findings have a severity, category and effective status. */
export interface FindingCount {
  cluster: string;
  severity: Severity;
  category: Category;
  status: FindingStatus;
  count: number;
}

export interface FindingPage {
  limit: number;
  offset: number;
}

/** The latest findings per cluster, read with exemptions judged at `now`. */
export interface FindingRepository {
  count(filter: FindingFilter, now: Date): Promise<FindingCount[]>;
  list(
    filter: FindingFilter,
    now: Date,
    page?: FindingPage,
  ): Promise<{ items: ReadinessFinding[]; totalCount: number }>;
}

/** One stored daily snapshot. */
export interface SnapshotPoint {
  day: string;
  cluster: string;
  score: Score;
}

export interface SnapshotRepository {
  /**
   * Snapshots of one scope from `sinceDay` on, oldest first; without `ref`, those of every scope
   * of the type (e.g. every cluster).
   */
  trend(
    scope: { type: SnapshotScopeType; ref?: string; cluster?: string },
    sinceDay: string,
  ): Promise<SnapshotPoint[]>;
  /** Deletes snapshots of days before `day`; returns how many. */
  pruneBefore(day: string): Promise<number>;
}

/** Exemptions and their audit trail. Creating or deleting one updates stored findings at once. */
export interface ExemptionRepository {
  create(exemption: Exemption, now: Date): Promise<void>;
  /** False when there was no such exemption. */
  delete(id: string, actor: string, now: Date): Promise<boolean>;
  get(id: string): Promise<Exemption | undefined>;
  list(): Promise<Exemption[]>;
  listActive(now: Date): Promise<Exemption[]>;
  /** Audit entries, oldest first for one exemption, else the newest `limit` of all. */
  audit(query: {
    exemptionId?: string;
    limit?: number;
  }): Promise<ReadinessAuditEntry[]>;
}

/** How the live watch of a cluster is doing. */
export type LiveWatchState = 'starting' | 'active' | 'degraded';

/** A cluster's live re-scoring lease and watch state, as stored. */
export interface StoredLiveStatus {
  cluster: string;
  /** The backend instance holding the lease, if any. */
  holder?: string;
  leaseExpiresAt: Date;
  state: LiveWatchState;
  message?: string;
  /** When the state last changed. */
  since: Date;
  lastUpdateAt?: Date;
}

/**
 * A live re-scoring of parts of a cluster: every finding and mapping of the partitions (a
 * namespace with its Namespace object, or `''` for the cluster-scoped resources), or `all`.
 */
export interface LiveRescore {
  cluster: string;
  /** The holder of the cluster's lease; nothing is written once another instance holds it. */
  holder: string;
  /** Stored as the findings' scan id (`live:<time>`), marking them as live re-scored. */
  updateId: string;
  at: Date;
  partitions: readonly string[] | 'all';
  findings: FindingRecord[];
  resourceEntities: ResourceEntityRecord[];
}

/**
 * Live re-scoring: one lease per cluster (one backend instance watches and writes), the watch
 * state every instance reports, and partial replacement of a cluster's findings.
 */
export interface LiveRepository {
  /** Takes or renews the cluster's lease; false while another instance holds it. */
  acquire(
    cluster: string,
    holder: string,
    now: Date,
    ttlMs: number,
  ): Promise<boolean>;
  /** Gives the lease up, so another instance may take it at once. */
  release(cluster: string, holder: string, now: Date): Promise<void>;
  /** Records the watch state, if the holder still holds the lease. */
  setState(
    cluster: string,
    holder: string,
    state: LiveWatchState,
    message: string | undefined,
    now: Date,
  ): Promise<void>;
  statuses(): Promise<StoredLiveStatus[]>;
  /**
   * Replaces the partitions' findings and mapping with the given ones, in one transaction,
   * touching only rows that differ; writes history (snapshots) never. False (and nothing
   * written) when the holder no longer holds the lease.
   */
  rescore(
    update: LiveRescore,
  ): Promise<{ written: boolean; inserted: number; deleted: number }>;
}

/** The readiness database. */
export interface ReadinessStore {
  live: LiveRepository;
  scans: ScanRepository;
  findings: FindingRepository;
  snapshots: SnapshotRepository;
  exemptions: ExemptionRepository;
  platform: PlatformRepository;
}

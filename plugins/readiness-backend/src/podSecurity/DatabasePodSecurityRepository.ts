import { ReadinessPodSecurityLevel } from '@hatchway/plugin-readiness-common';
import { Knex } from 'knex';
import { DbTime, parseJson, RESOURCE_ENTITIES, toIso } from '../database/rows';
import {
  NamespacePodSecurity,
  WorkloadPodSecurity,
} from './namespacePodSecurity';

const NAMESPACES = 'readiness_pod_security_namespaces';
const WORKLOADS = 'readiness_pod_security_workloads';
/** Rows per INSERT, within SQLite's compound-select and both databases' parameter limits. */
const CHUNK = 400;

/** A stored namespace with the time the scan read it. */
export interface StoredNamespace
  extends Omit<NamespacePodSecurity, 'workloads'> {
  cluster: string;
  workloadCount: number;
  scannedAt: string;
}

/** A stored workload with the catalog entities (and their owners) it maps to now. */
export interface StoredWorkload extends WorkloadPodSecurity {
  cluster: string;
  namespace: string;
  entityRefs: string[];
  owners: string[];
}

interface NamespaceRow {
  cluster: string;
  namespace: string;
  labels: string;
  enforce: string;
  version: string;
  possible_level: string;
  workload_count: number | string;
  warnings: string;
  scanned_at: DbTime;
}

interface WorkloadRow {
  cluster: string;
  namespace: string;
  resource_key: string;
  api_version: string;
  kind: string;
  name: string;
  level: string;
  refusals: string;
}

const level = (value: string) => value as ReadinessPodSecurityLevel;

function toNamespace(row: NamespaceRow): StoredNamespace {
  return {
    cluster: row.cluster,
    namespace: row.namespace,
    labels: parseJson(row.labels, {}),
    enforce: level(row.enforce),
    version: row.version,
    possibleLevel: level(row.possible_level),
    workloadCount: Number(row.workload_count),
    warnings: parseJson(row.warnings, []),
    scannedAt: toIso(row.scanned_at),
  };
}

/**
 * The Pod Security tables: what the latest scan of each cluster judged, replaced per scan.
 * Workloads are read with the entities and owners the stored mapping gives them now.
 * @internal
 */
export class DatabasePodSecurityRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Replaces a cluster's namespaces and workloads in one transaction: all of them, or with
   * `only`, those namespaces (one that no longer exists is deleted).
   */
  async replace(
    cluster: string,
    judged: readonly NamespacePodSecurity[],
    scannedAt: Date,
    only?: readonly string[],
  ): Promise<void> {
    const namespaces = only
      ? judged.filter(n => only.includes(n.namespace))
      : judged;
    const namespaceRows = namespaces.map(n => ({
      cluster,
      namespace: n.namespace,
      labels: JSON.stringify(n.labels),
      enforce: n.enforce,
      version: n.version,
      possible_level: n.possibleLevel,
      workload_count: n.workloads.length,
      warnings: JSON.stringify(n.warnings),
      scanned_at: scannedAt,
    }));
    const workloadRows = namespaces.flatMap(n =>
      n.workloads.map(w => ({
        cluster,
        namespace: n.namespace,
        resource_key: w.resourceKey,
        api_version: w.apiVersion,
        kind: w.kind,
        name: w.name,
        level: w.level,
        refusals: JSON.stringify(w.refusals),
      })),
    );
    await this.knex.transaction(async trx => {
      for (const table of [WORKLOADS, NAMESPACES]) {
        if (!only) {
          await trx(table).where({ cluster }).delete();
          continue;
        }
        for (let i = 0; i < only.length; i += CHUNK) {
          await trx(table)
            .where({ cluster })
            .whereIn('namespace', only.slice(i, i + CHUNK))
            .delete();
        }
      }
      for (const [table, rows] of [
        [NAMESPACES, namespaceRows],
        [WORKLOADS, workloadRows],
      ] as const) {
        for (let i = 0; i < rows.length; i += CHUNK) {
          await trx(table).insert(rows.slice(i, i + CHUNK));
        }
      }
    });
  }

  /**
   * Namespaces (of one cluster, or all), sorted by cluster and name, with their workloads; with
   * `owner`, only namespaces holding a workload mapped to an entity the owner owns.
   */
  async namespaces(filter: {
    cluster?: string;
    owner?: string;
  }): Promise<Array<StoredNamespace & { workloads: StoredWorkload[] }>> {
    const query = this.knex(`${NAMESPACES} as n`).select('n.*');
    if (filter.cluster) query.where('n.cluster', filter.cluster);
    if (filter.owner) {
      const owner = filter.owner;
      query.whereExists(sub =>
        sub
          .select(1)
          .from(`${WORKLOADS} as w`)
          .join(`${RESOURCE_ENTITIES} as e`, join =>
            join
              .on('e.cluster', 'w.cluster')
              .andOn('e.resource_key', 'w.resource_key'),
          )
          .whereRaw('w.cluster = n.cluster AND w.namespace = n.namespace')
          .andWhere('e.owner', owner),
      );
    }
    const rows: NamespaceRow[] = await query.orderBy([
      'n.cluster',
      'n.namespace',
    ]);
    const workloads = await this.workloads(w => {
      if (filter.cluster) w.where('w.cluster', filter.cluster);
    });
    const byNamespace = new Map<string, StoredWorkload[]>();
    for (const workload of workloads) {
      const key = `${workload.cluster}\n${workload.namespace}`;
      byNamespace.set(key, [...(byNamespace.get(key) ?? []), workload]);
    }
    return rows.map(row => ({
      ...toNamespace(row),
      workloads: byNamespace.get(`${row.cluster}\n${row.namespace}`) ?? [],
    }));
  }

  /** The workloads mapped to an entity (its ref as the catalog spells it), in every cluster. */
  async workloadsOfEntity(entityRef: string): Promise<StoredWorkload[]> {
    return this.workloads(w =>
      w.whereExists(sub =>
        sub
          .select(1)
          .from(`${RESOURCE_ENTITIES} as x`)
          .whereRaw('x.cluster = w.cluster AND x.resource_key = w.resource_key')
          .andWhere('x.entity_ref', entityRef),
      ),
    );
  }

  private async workloads(
    narrow: (query: Knex.QueryBuilder) => void,
  ): Promise<StoredWorkload[]> {
    const query = this.knex(`${WORKLOADS} as w`)
      .leftJoin(`${RESOURCE_ENTITIES} as e`, join =>
        join
          .on('e.cluster', 'w.cluster')
          .andOn('e.resource_key', 'w.resource_key'),
      )
      .select('w.*', 'e.entity_ref', 'e.owner')
      .orderBy(['w.cluster', 'w.namespace', 'w.kind', 'w.name']);
    narrow(query);
    const rows: Array<
      WorkloadRow & { entity_ref: string | null; owner: string | null }
    > = await query;
    const byKey = new Map<string, StoredWorkload>();
    for (const row of rows) {
      const key = `${row.cluster}\n${row.resource_key}`;
      let workload = byKey.get(key);
      if (!workload) {
        workload = {
          cluster: row.cluster,
          namespace: row.namespace,
          resourceKey: row.resource_key,
          apiVersion: row.api_version,
          kind: row.kind,
          name: row.name,
          level: level(row.level),
          refusals: parseJson(row.refusals, {}),
          entityRefs: [],
          owners: [],
        };
        byKey.set(key, workload);
      }
      if (row.entity_ref && !workload.entityRefs.includes(row.entity_ref)) {
        workload.entityRefs.push(row.entity_ref);
      }
      if (row.owner && !workload.owners.includes(row.owner)) {
        workload.owners.push(row.owner);
      }
    }
    return [...byKey.values()];
  }
}

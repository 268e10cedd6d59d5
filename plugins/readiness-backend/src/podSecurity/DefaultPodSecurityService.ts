import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  ReadinessEntityPodSecurity,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityNamespace,
  ReadinessPodSecurityResponse,
} from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { Clock, ReadinessExport } from '../service/types';
import {
  DatabasePodSecurityRepository,
  StoredNamespace,
  StoredWorkload,
} from './DatabasePodSecurityRepository';
import {
  compareLevels,
  judgeNamespaces,
  STRICTER_LEVELS,
  weakestLevel,
} from './namespacePodSecurity';
import { renderPodSecurityExport } from './podSecurityExport';
import {
  PodSecurityFilter,
  PodSecurityQueryService,
  PodSecurityRecorder,
} from './types';

/** A stored namespace in the API's shape. */
export function toApiNamespace(
  stored: StoredNamespace & { workloads: StoredWorkload[] },
): ReadinessPodSecurityNamespace {
  const { workloads, ...namespace } = stored;
  const refused: ReadinessPodSecurityNamespace['refused'] = {};
  for (const level of STRICTER_LEVELS) {
    const refusing = workloads.filter(w => w.refusals[level]);
    // Stricter levels always; the enforced one too when workloads from before the label break it.
    if (compareLevels(level, namespace.enforce) <= 0 && !refusing.length) {
      continue;
    }
    refused[level] = refusing.map(w => ({
      apiVersion: w.apiVersion,
      kind: w.kind,
      name: w.name,
      entityRefs: [...w.entityRefs].sort(),
      controls: w.refusals[level] ?? [],
    }));
  }
  return {
    ...namespace,
    owners: [...new Set(workloads.flatMap(w => w.owners))].sort(),
    refused,
  };
}

/**
 * The Pod Security view: records each scan's namespaces and workloads, and answers the
 * namespace list, an entity's standing and the exports from them.
 * @internal
 */
export class DefaultPodSecurityService
  implements PodSecurityRecorder, PodSecurityQueryService
{
  constructor(
    private readonly deps: {
      repository: DatabasePodSecurityRepository;
      clusterAccess: ClusterAccessService;
      /** The control plane's namespaces, left out as the scan leaves them out. */
      excludeNamespaces: ReadonlySet<string>;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  async record(
    cluster: string,
    objects: readonly KubernetesObject[],
    only?: Iterable<string>,
  ): Promise<void> {
    const namespaces = judgeNamespaces(
      cluster,
      objects,
      this.deps.excludeNamespaces,
    );
    await this.deps.repository.replace(
      cluster,
      namespaces,
      this.deps.clock(),
      // The cluster-scoped partition ('') holds no namespace.
      only && [...only].filter(Boolean),
    );
    this.deps.logger.debug('Pod Security recorded', {
      cluster,
      namespaces: namespaces.length,
    });
  }

  async namespaces(
    filter: PodSecurityFilter,
  ): Promise<ReadinessPodSecurityResponse> {
    // Clusters no longer configured keep their rows until pruned; they are not shown.
    const configured = new Set(
      this.deps.clusterAccess.listClusters().map(c => c.name),
    );
    const stored = await this.deps.repository.namespaces(filter);
    return {
      filters: filter,
      items: stored.filter(n => configured.has(n.cluster)).map(toApiNamespace),
    };
  }

  async entity(
    entityRef: string,
  ): Promise<ReadinessEntityPodSecurity | undefined> {
    const workloads = await this.deps.repository.workloadsOfEntity(entityRef);
    if (!workloads.length) return undefined;
    return {
      highestAdmissibleLevel: weakestLevel(workloads.map(w => w.level)),
      workloadCount: workloads.length,
      limitedBy: workloads
        .filter(w => w.level !== 'restricted')
        .map(w => ({
          cluster: w.cluster,
          namespace: w.namespace,
          kind: w.kind,
          name: w.name,
          level: w.level,
        })),
    };
  }

  async export(
    format: ReadinessPodSecurityExportFormat,
    filter: PodSecurityFilter,
  ): Promise<ReadinessExport> {
    const { items } = await this.namespaces(filter);
    return renderPodSecurityExport(format, items, filter, this.deps.clock());
  }
}

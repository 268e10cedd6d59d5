import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ExportQuery, ReadinessApi } from '../api/ReadinessApi';
import type {
  CreateReadinessExemptionRequest,
  EffectiveCheck,
  ExportFormat,
  FindingsQuery,
  ReadinessCluster,
  ReadinessEntityPlatformResponse,
  ReadinessEntityResponse,
  ReadinessExemption,
  ReadinessFinding,
  ReadinessPlatformResponse,
  PodSecurityFilter,
  ReadinessPodSecurityExportFormat,
  ReadinessPodSecurityNamespace,
  ReadinessScope,
  ReadinessSummary,
  TrendWindow,
} from '../api/types';
import * as fixtures from './fixtures';
import { podSecurityNamespaces } from './podSecurityFixtures';

/**
 * An in-memory readiness backend for component tests: the client boundary, filtering findings
 * the way the backend does. Every method is a jest mock, so tests can inspect calls or make
 * one fail.
 */
export class FakeReadinessApi implements ReadinessApi {
  clusters: ReadinessCluster[] = fixtures.clusters;
  findings: ReadinessFinding[] = fixtures.findings;
  checks: EffectiveCheck[] = fixtures.checks;
  exemptions: ReadinessExemption[] = [...fixtures.exemptions];
  entities = new Map<string, ReadinessEntityResponse>();
  /** Platform boards by cluster; a cluster without one has no components configured. */
  platforms = new Map<string, ReadinessPlatformResponse>([
    ['prod', fixtures.platform()],
  ]);
  /** The platform components each entity (by lower-case ref) maps to. */
  entityPlatforms = new Map<string, ReadinessEntityPlatformResponse['items']>();
  podSecurity: ReadinessPodSecurityNamespace[] = podSecurityNamespaces;

  getClusters = jest.fn(async () => this.clusters);

  getSummary = jest.fn(
    async (
      scope: ReadinessScope,
      options?: { days?: TrendWindow },
    ): Promise<ReadinessSummary> => {
      const scoped = this.filter(scope);
      return {
        filters: scope,
        days: options?.days ?? 30,
        score: scoped.length
          ? fixtures.scoreOf(72, 'silver', scoped, 10)
          : fixtures.emptyScore(),
        categoryScores: {
          security: 80,
          reliability: 90,
          efficiency: 100,
          networking: 40,
          secrets: 100,
          rbac: 100,
        },
        trend: [
          {
            day: '2030-04-30',
            score: 65,
            level: 'bronze',
            total: fixtures.emptyScore().total,
          },
          {
            day: '2030-05-01',
            score: 72,
            level: 'silver',
            total: fixtures.emptyScore().total,
          },
        ],
      };
    },
  );

  getEntityReadiness = jest.fn(async (entity: CompoundEntityRef) =>
    this.entities.get(
      `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase(),
    ),
  );

  getFindings = jest.fn(async (query: FindingsQuery) => {
    const all = this.filter(query);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? all.length;
    return {
      items: all.slice(offset, offset + limit),
      totalCount: all.length,
      limit,
      offset,
    };
  });

  getChecks = jest.fn(async () => this.checks);

  getExemptions = jest.fn(async () => this.exemptions);

  createExemption = jest.fn(
    async (request: CreateReadinessExemptionRequest) => {
      const created: ReadinessExemption = {
        id: `ex-${this.exemptions.length + 1}`,
        match: {},
        owner: 'user:default/guest',
        createdBy: 'user:default/guest',
        createdAt: new Date().toISOString(),
        active: true,
        ...request,
      };
      this.exemptions = [...this.exemptions, created];
      return created;
    },
  );

  deleteExemption = jest.fn(async (id: string) => {
    this.exemptions = this.exemptions.filter(e => e.id !== id);
  });

  getExportUrl = jest.fn(async (format: ExportFormat, query: ExportQuery) => {
    const params = new URLSearchParams({ format });
    for (const [key, value] of Object.entries(query)) {
      if (value) params.set(key, String(value));
    }
    return `http://backend.test/api/readiness/export?${params}`;
  });

  downloadExport = jest.fn(async () => new Blob(['{}']));

  getPlatform = jest.fn(
    async (
      cluster: string,
      options?: { days?: number },
    ): Promise<ReadinessPlatformResponse> =>
      this.platforms.get(cluster) ?? {
        cluster,
        configured: false,
        components: [],
        history: [],
        days: options?.days ?? 30,
      },
  );

  getEntityPlatform = jest.fn(
    async (
      entity: CompoundEntityRef,
    ): Promise<ReadinessEntityPlatformResponse> => {
      const entityRef =
        `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
      return { entityRef, items: this.entityPlatforms.get(entityRef) ?? [] };
    },
  );

  getPodSecurity = jest.fn(async (filter: PodSecurityFilter) => ({
    filters: filter,
    items: this.podSecurity.filter(
      n =>
        (!filter.cluster || n.cluster === filter.cluster) &&
        (!filter.owner || n.owners.includes(filter.owner)),
    ),
  }));

  getPodSecurityExportUrl = jest.fn(
    async (
      format: ReadinessPodSecurityExportFormat,
      filter: PodSecurityFilter,
    ) => {
      const params = new URLSearchParams({ format });
      for (const [key, value] of Object.entries(filter)) {
        if (value) params.set(key, String(value));
      }
      return `http://backend.test/api/readiness/pod-security/export?${params}`;
    },
  );

  downloadPodSecurityExport = jest.fn(async () => new Blob(['{}']));

  private filter(query: FindingsQuery): ReadinessFinding[] {
    return this.findings.filter(
      f =>
        (!query.cluster || f.resource.cluster === query.cluster) &&
        (!query.namespace ||
          (f.resource.kind === 'Namespace'
            ? f.resource.name
            : f.resource.namespace) === query.namespace) &&
        (!query.owner || f.owners.includes(query.owner)) &&
        (!query.entity || f.entityRefs.includes(query.entity)) &&
        (!query.severity || f.severity === query.severity) &&
        (!query.category || f.category === query.category) &&
        (!query.check || f.checkId === query.check) &&
        (!query.status || f.status === query.status),
    );
  }
}

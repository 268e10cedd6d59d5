import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { ClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import {
  CreateReadinessExemptionRequest,
  Exemption,
  isExemptionActive,
  ReadinessAuditResponse,
  ReadinessExemption,
  ReadinessExemptionResponse,
  ReadinessExemptionsResponse,
  validateExemption,
} from '@hatchway/plugin-readiness-common';
import { randomUUID } from 'node:crypto';
import { ReadinessStore } from '../database/types';
import { CheckCatalog } from './CheckCatalog';
import { Clock, ExemptionService } from './types';

const DAY_MS = 86_400_000;

/** Who acts: a user's entity ref, or `service:<subject>` for a backend calling on its own. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as Partial<BackstageUserPrincipal> & {
    subject?: string;
  };
  return principal.userEntityRef ?? `service:${principal.subject ?? 'unknown'}`;
}

function normalizeOwner(owner: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Validates, stores and audits exemptions. Stored findings follow at once; scans apply the
 * active exemptions from then on.
 * @internal
 */
export class DefaultExemptionService implements ExemptionService {
  constructor(
    private readonly deps: {
      store: ReadinessStore;
      catalog: CheckCatalog;
      clusterAccess: ClusterAccessService;
      maxExemptionDays: number;
      clock: Clock;
    },
  ) {}

  async list(): Promise<ReadinessExemptionsResponse> {
    const now = this.deps.clock();
    const exemptions = await this.deps.store.exemptions.list();
    return { items: exemptions.map(e => this.withStatus(e, now)) };
  }

  async get(id: string): Promise<ReadinessExemptionResponse> {
    const exemption = await this.deps.store.exemptions.get(id);
    if (!exemption) throw new NotFoundError(`No exemption ${id}`);
    return {
      exemption: this.withStatus(exemption, this.deps.clock()),
      audit: await this.deps.store.exemptions.audit({ exemptionId: id }),
    };
  }

  async audit(query: {
    exemptionId?: string;
    limit: number;
  }): Promise<ReadinessAuditResponse> {
    return { items: await this.deps.store.exemptions.audit(query) };
  }

  async create(
    request: CreateReadinessExemptionRequest,
    { credentials }: { credentials: BackstageCredentials },
  ): Promise<ReadinessExemption> {
    const now = this.deps.clock();
    const actor = actorOf(credentials);
    const owner = normalizeOwner(request.owner ?? actor);
    const exemption: Exemption = {
      id: randomUUID(),
      checkIds: [...new Set(request.checkIds.map(id => id.trim()))],
      match: request.match ?? {},
      reason: request.reason.trim(),
      owner: owner ?? request.owner ?? '',
      expiresAt: request.expiresAt,
      createdBy: actor,
      createdAt: now.toISOString(),
    };
    const problems = [
      ...validateExemption(exemption),
      ...this.problemsWith(exemption, now),
    ];
    if (!owner) problems.push(`owner "${request.owner}" is not an entity ref`);
    if (problems.length) {
      throw new InputError(`Invalid exemption: ${problems.join('; ')}`);
    }
    exemption.expiresAt = new Date(exemption.expiresAt).toISOString();
    await this.deps.store.exemptions.create(exemption, now);
    return this.withStatus(exemption, now);
  }

  async delete(
    id: string,
    { credentials }: { credentials: BackstageCredentials },
  ): Promise<void> {
    const deleted = await this.deps.store.exemptions.delete(
      id,
      actorOf(credentials),
      this.deps.clock(),
    );
    if (!deleted) throw new NotFoundError(`No exemption ${id}`);
  }

  /** What the shared validation cannot know: the checks, the clusters and the clock. */
  private problemsWith(exemption: Exemption, now: Date): string[] {
    const problems: string[] = [];
    const unknown = exemption.checkIds.filter(
      id => id && !this.deps.catalog.isExemptable(id),
    );
    if (unknown.length) {
      problems.push(`unknown check ids: ${unknown.join(', ')}`);
    }
    const cluster = exemption.match.cluster;
    if (
      cluster !== undefined &&
      !this.deps.clusterAccess.listClusters().some(c => c.name === cluster)
    ) {
      problems.push(`match.cluster "${cluster}" is not a configured cluster`);
    }
    const expires = Date.parse(exemption.expiresAt);
    const maxDays = this.deps.maxExemptionDays;
    if (Number.isFinite(expires) && expires <= now.getTime()) {
      problems.push('expiresAt must be in the future');
    } else if (expires > now.getTime() + maxDays * DAY_MS) {
      problems.push(`expiresAt must be at most ${maxDays} days ahead`);
    }
    return problems;
  }

  private withStatus(exemption: Exemption, now: Date): ReadinessExemption {
    return { ...exemption, active: isExemptionActive(exemption, now) };
  }
}

import {
  Exemption,
  ExemptionMatch,
  ReadinessAuditEntry,
} from '@hatchway/plugin-readiness-common';
import { Knex } from 'knex';
import {
  AUDIT,
  DbTime,
  EXEMPTIONS,
  FINDINGS,
  FindingRow,
  parseJson,
  toIso,
} from './rows';
import { rejudgeFindings } from './storedExemptions';
import { ExemptionRepository } from './types';

interface ExemptionRow {
  id: string;
  check_ids: string;
  match: string;
  reason: string;
  owner: string;
  expires_at: DbTime;
  created_by: string;
  created_at: DbTime;
}

function toExemption(row: ExemptionRow): Exemption {
  return {
    id: row.id,
    checkIds: JSON.parse(row.check_ids),
    match: parseJson<ExemptionMatch>(row.match, {}),
    reason: row.reason,
    owner: row.owner,
    expiresAt: toIso(row.expires_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

/** Exemptions, their audit trail, and their effect on stored findings, each change atomic. */
export class DatabaseExemptionRepository implements ExemptionRepository {
  constructor(private readonly knex: Knex) {}

  async create(exemption: Exemption, now: Date): Promise<void> {
    await this.knex.transaction(async trx => {
      await trx(EXEMPTIONS).insert({
        id: exemption.id,
        check_ids: JSON.stringify(exemption.checkIds),
        match: JSON.stringify(exemption.match),
        reason: exemption.reason,
        owner: exemption.owner,
        expires_at: new Date(exemption.expiresAt),
        created_by: exemption.createdBy,
        created_at: new Date(exemption.createdAt),
      });
      await this.recordAudit(
        trx,
        exemption.createdBy,
        'exemption.create',
        exemption,
        now,
      );
      // Failures (including those whose exemption has lapsed) this exemption may now cover.
      const candidates: FindingRow[] = await trx(FINDINGS)
        .where(q =>
          q
            .where('status', 'failed')
            .orWhere(ex =>
              ex
                .where('status', 'exempted')
                .whereNotNull('exemption_expires_at')
                .andWhere('exemption_expires_at', '<=', now),
            ),
        )
        .modify(q => {
          const { cluster, kind } = exemption.match;
          if (cluster !== undefined) q.where('cluster', cluster);
          if (kind !== undefined) q.where('kind', kind);
          if (!exemption.checkIds.includes('*')) {
            q.whereIn(
              'check_id',
              exemption.checkIds.map(id => id.split(':')[0]),
            );
          }
        });
      // The new exemption is among the active ones by now, after the older ones as in a scan.
      await rejudgeFindings(trx, candidates, await this.active(trx, now), now);
    });
  }

  async delete(id: string, actor: string, now: Date): Promise<boolean> {
    return this.knex.transaction(async trx => {
      const row: ExemptionRow | undefined = await trx(EXEMPTIONS)
        .where({ id })
        .first();
      if (!row) return false;
      await trx(EXEMPTIONS).where({ id }).delete();
      await this.recordAudit(
        trx,
        actor,
        'exemption.delete',
        toExemption(row),
        now,
      );
      const released: FindingRow[] = await trx(FINDINGS).where({
        exemption_id: id,
      });
      // Another exemption may still cover some of them; the rest count as failures again.
      await rejudgeFindings(trx, released, await this.active(trx, now), now);
      return true;
    });
  }

  async get(id: string): Promise<Exemption | undefined> {
    const row = await this.knex(EXEMPTIONS).where({ id }).first();
    return row ? toExemption(row) : undefined;
  }

  async list(): Promise<Exemption[]> {
    const rows = await this.knex(EXEMPTIONS).orderBy(['created_at', 'id']);
    return rows.map(toExemption);
  }

  async listActive(now: Date): Promise<Exemption[]> {
    return this.active(this.knex, now);
  }

  async audit(query: {
    exemptionId?: string;
    limit?: number;
  }): Promise<ReadinessAuditEntry[]> {
    const rows = query.exemptionId
      ? await this.knex(AUDIT)
          .where({ exemption_id: query.exemptionId })
          .orderBy('id')
      : await this.knex(AUDIT)
          .orderBy('id', 'desc')
          .limit(query.limit ?? 100);
    return rows.map(row => ({
      actor: row.actor,
      action: row.action,
      exemptionId: row.exemption_id,
      at: toIso(row.at),
    }));
  }

  private async active(knex: Knex, now: Date): Promise<Exemption[]> {
    const rows = await knex(EXEMPTIONS)
      .where('expires_at', '>', now)
      .orderBy(['created_at', 'id']);
    return rows.map(toExemption);
  }

  private async recordAudit(
    trx: Knex.Transaction,
    actor: string,
    action: ReadinessAuditEntry['action'],
    exemption: Exemption,
    at: Date,
  ) {
    await trx(AUDIT).insert({
      actor,
      action,
      exemption_id: exemption.id,
      at,
      details: JSON.stringify(exemption),
    });
  }
}

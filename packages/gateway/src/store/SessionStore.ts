import { Knex } from 'knex';
import {
  SessionRow,
  SessionStoreTables,
} from '@hatchway/plugin-terminal-common';

/** Thrown when the database cannot be reached or fails a query; handshakes answer 4503. */
export class StoreUnavailableError extends Error {
  readonly name = 'StoreUnavailableError';
}

/** What the gateway needs of a session row. */
export type GatewaySession = Pick<
  SessionRow,
  'id' | 'owner' | 'state' | 'pod_uid' | 'pod_ip' | 'ttyd_credential'
> & { recording: boolean; recordInput: boolean };

function truthy(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}

/** The columns a handshake reads. */
const SESSION_COLUMNS = [
  'id',
  'owner',
  'state',
  'pod_uid',
  'pod_ip',
  'ttyd_credential',
  'recording',
  'record_input',
] as const;

type SessionColumns = Pick<SessionRow, (typeof SESSION_COLUMNS)[number]>;

/** A row of {@link SPEND_AND_READ_PG}: whether the ticket was spent, and the session or nulls. */
type SpendAndReadRow = { spent: boolean } & (
  | SessionColumns
  | { [K in keyof SessionColumns]: null }
);

/**
 * Spends the ticket and reads its session in one statement. The CTE's insert runs exactly once,
 * to completion, whatever the select does with it; concurrent inserts of one jti wait on each
 * other, so exactly one of them returns a row. The select always yields one row: `spent`, and
 * the session's columns (NULL when there is no such session).
 */
const SPEND_AND_READ_PG = `
WITH spent AS (
  INSERT INTO ${
    SessionStoreTables.spentTickets
  } (jti, session_id, expires_at, spent_at)
  VALUES (?, ?, ?, ?)
  ON CONFLICT (jti) DO NOTHING
  RETURNING jti
)
SELECT EXISTS (SELECT 1 FROM spent) AS spent,
  ${SESSION_COLUMNS.map(c => `s.${c}`).join(', ')}
FROM (SELECT 1) AS one
LEFT JOIN ${SessionStoreTables.sessions} AS s ON s.id = ?`;

function toGatewaySession(row: SessionColumns): GatewaySession {
  return {
    id: row.id,
    owner: row.owner,
    state: row.state,
    pod_uid: row.pod_uid,
    pod_ip: row.pod_ip,
    ttyd_credential: row.ttyd_credential,
    recording: truthy(row.recording),
    recordInput: truthy(row.record_input),
  };
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StoreUnavailableError((error as Error).message);
  }
}

/**
 * The gateway's view of the terminal backend's session store (the contract in
 * `@hatchway/plugin-terminal-common` `store/contract.ts`): it spends tickets, reads sessions and
 * marks activity. Times are bound from here, never the database's clock, as the backend does.
 */
export class SessionStore {
  private readonly isPostgres: boolean;

  constructor(private readonly db: Knex) {
    this.isPostgres = db.client.config.client === 'pg';
  }

  /**
   * Spends a ticket id atomically and reads the session it was issued for. `spent` is true when
   * this call spent the ticket, false when it was spent before (by any replica), so a replayed
   * ticket can never pass twice; `session` is the row (undefined when there is no such id).
   *
   * On Postgres this is one statement and one round trip: the `INSERT … ON CONFLICT (jti) DO
   * NOTHING RETURNING jti` of the store's contract, in a CTE the session's SELECT reads from.
   * SQLite (local use; no writes in a CTE) runs the same insert, then the select.
   */
  async spendTicketAndGetSession(input: {
    jti: string;
    sessionId: string;
    expiresAt: Date;
  }): Promise<{ spent: boolean; session: GatewaySession | undefined }> {
    const spentAt = new Date();
    if (this.isPostgres) {
      const result = await guarded(() =>
        this.db.raw(SPEND_AND_READ_PG, [
          input.jti,
          input.sessionId,
          input.expiresAt,
          spentAt,
          input.sessionId,
        ]),
      );
      const row = (result as { rows: SpendAndReadRow[] }).rows[0];
      return {
        spent: row.spent === true,
        session: row.id === null ? undefined : toGatewaySession(row),
      };
    }
    const spentRows = await guarded(() =>
      this.db(SessionStoreTables.spentTickets)
        .insert({
          jti: input.jti,
          session_id: input.sessionId,
          expires_at: input.expiresAt,
          spent_at: spentAt,
        })
        .onConflict('jti')
        .ignore()
        .returning('jti'),
    );
    if (spentRows.length !== 1) return { spent: false, session: undefined };
    const row = await guarded(
      () =>
        this.db(SessionStoreTables.sessions)
          .select([...SESSION_COLUMNS])
          .where({ id: input.sessionId })
          .first() as Promise<SessionColumns | undefined>,
    );
    return { spent: true, session: row && toGatewaySession(row) };
  }

  /** Records that the session saw input or output now (the backend's idle reaper reads it). */
  async markActivity(id: string, at: Date): Promise<void> {
    await guarded(() =>
      this.db(SessionStoreTables.sessions)
        .where({ id })
        .update({ last_activity_at: at }),
    );
  }

  /** Appends recording chunks (asciicast lines) of one session. */
  async appendRecording(
    sessionId: string,
    chunks: Array<{ seq: number; data: string }>,
  ): Promise<void> {
    if (chunks.length === 0) return;
    const now = new Date();
    await guarded(() =>
      this.db(SessionStoreTables.recordings).insert(
        chunks.map(c => ({
          session_id: sessionId,
          seq: c.seq,
          data: c.data,
          created_at: now,
        })),
      ),
    );
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await guarded(() => this.db.raw('select 1'));
  }
}

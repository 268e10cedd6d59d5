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
  constructor(private readonly db: Knex) {}

  /**
   * Spends a ticket id in one atomic statement. True when this call spent it; false when it was
   * spent before (by any replica), so a replayed ticket can never pass twice.
   */
  async spendTicket(input: {
    jti: string;
    sessionId: string;
    expiresAt: Date;
  }): Promise<boolean> {
    const rows = await guarded(() =>
      this.db(SessionStoreTables.spentTickets)
        .insert({
          jti: input.jti,
          session_id: input.sessionId,
          expires_at: input.expiresAt,
          spent_at: new Date(),
        })
        .onConflict('jti')
        .ignore()
        .returning('jti'),
    );
    return rows.length === 1;
  }

  /** The session, or undefined when there is no such id. */
  async getSession(id: string): Promise<GatewaySession | undefined> {
    const row: SessionRow | undefined = await guarded(() =>
      this.db<SessionRow>(SessionStoreTables.sessions).where({ id }).first(),
    );
    if (!row) return undefined;
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

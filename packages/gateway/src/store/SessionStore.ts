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
type SpendAndReadRow = { spent: boolean; touched: boolean } & (
  | SessionColumns
  | { [K in keyof SessionColumns]: null }
);

/** A statement run by name on Postgres: parsed and planned once per pooled connection. */
interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Spends the ticket, reads its session and — when the ticket was spent here and the session is
 * Ready, owned by the ticket's subject and on the ticket's pod — records the connection as
 * activity, in one statement. The CTEs' writes run exactly once, to completion, whatever the
 * select does with them; concurrent inserts of one jti wait on each other, so exactly one of them
 * returns a row. The select always yields one row: `spent`, `touched`, and the session's columns
 * as they were before the update (NULL when there is no such session).
 */
const SPEND_AND_READ_PG: PreparedStatement = {
  name: 'hatchway_gateway_spend_and_read',
  text: `
WITH spent AS (
  INSERT INTO ${
    SessionStoreTables.spentTickets
  } (jti, session_id, expires_at, spent_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (jti) DO NOTHING
  RETURNING jti
), touched AS (
  UPDATE ${SessionStoreTables.sessions} SET last_activity_at = $4
  WHERE id = $2 AND state = 'Ready' AND owner = $5 AND pod_uid = $6
    AND EXISTS (SELECT 1 FROM spent)
  RETURNING id
)
SELECT EXISTS (SELECT 1 FROM spent) AS spent,
  EXISTS (SELECT 1 FROM touched) AS touched,
  ${SESSION_COLUMNS.map(c => `s.${c}`).join(', ')}
FROM (SELECT 1) AS one
LEFT JOIN ${SessionStoreTables.sessions} AS s ON s.id = $2`,
};

const MARK_ACTIVITY_PG: PreparedStatement = {
  name: 'hatchway_gateway_mark_activity',
  text: `UPDATE ${SessionStoreTables.sessions} SET last_activity_at = $1 WHERE id = $2`,
};

/** What the store uses of a pooled `pg` client. */
interface PgConnection {
  query(query: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: unknown[] }>;
}

/** The hot-path statements on SQLite (local use), which has no writes in a CTE. */
const SQLITE = {
  spend: `INSERT INTO ${SessionStoreTables.spentTickets} (jti, session_id, expires_at, spent_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (jti) DO NOTHING RETURNING jti`,
  read: `SELECT ${SESSION_COLUMNS.join(', ')} FROM ${
    SessionStoreTables.sessions
  } WHERE id = ?`,
  touch: `UPDATE ${SessionStoreTables.sessions} SET last_activity_at = ?
    WHERE id = ? AND state = 'Ready' AND owner = ? AND pod_uid = ?`,
  markActivity: `UPDATE ${SessionStoreTables.sessions} SET last_activity_at = ? WHERE id = ?`,
};

/** What the store uses of a better-sqlite3 statement and connection. */
interface SqliteStatement {
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

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
  /** Sessions whose handshake wrote `last_activity_at`, and when. */
  private readonly touchedAtHandshake = new Map<string, number>();
  private lastSweep = 0;
  /** Prepared hot-path statements of each pooled SQLite connection. */
  private readonly sqliteStatements = new WeakMap<
    SqliteConnection,
    Map<string, SqliteStatement>
  >();

  /**
   * @param activityWriteMs - how often a session's activity is written at most
   *   (`activityWriteSeconds`): an activity write this soon after the handshake's is skipped.
   */
  constructor(private readonly db: Knex, private readonly activityWriteMs = 0) {
    this.isPostgres = db.client.config.client === 'pg';
  }

  /**
   * Spends a ticket id atomically and reads the session it was issued for. `spent` is true when
   * this call spent the ticket, false when it was spent before (by any replica), so a replayed
   * ticket can never pass twice; `session` is the row (undefined when there is no such id).
   *
   * On Postgres this is one statement and one round trip: the `INSERT … ON CONFLICT (jti) DO
   * NOTHING RETURNING jti` of the store's contract, in a CTE the session's SELECT reads from,
   * and the session's `last_activity_at` (the connection is activity; the activity write that
   * follows at the runner's first output is then skipped). SQLite (local use; no writes in a
   * CTE) runs the same insert, select and update as three prepared statements back to back.
   */
  async spendTicketAndGetSession(input: {
    jti: string;
    sessionId: string;
    expiresAt: Date;
    /** The ticket's subject and pod UID: only a matching session's activity is recorded. */
    owner: string;
    podUid: string;
  }): Promise<{ spent: boolean; session: GatewaySession | undefined }> {
    const spentAt = new Date();
    if (this.isPostgres) {
      const [row] = (await this.runPostgres(SPEND_AND_READ_PG, [
        input.jti,
        input.sessionId,
        input.expiresAt,
        spentAt,
        input.owner,
        input.podUid,
      ])) as SpendAndReadRow[];
      if (row.touched) this.rememberTouch(input.sessionId, spentAt.getTime());
      return {
        spent: row.spent === true,
        session: row.id === null ? undefined : toGatewaySession(row),
      };
    }
    return this.onSqlite(statement => {
      const spent = statement(SQLITE.spend).get(
        input.jti,
        input.sessionId,
        input.expiresAt.getTime(),
        spentAt.getTime(),
      );
      if (spent === undefined) return { spent: false, session: undefined };
      const row = statement(SQLITE.read).get(input.sessionId) as
        | SessionColumns
        | undefined;
      const touched = statement(SQLITE.touch).run(
        spentAt.getTime(),
        input.sessionId,
        input.owner,
        input.podUid,
      ) as { changes: number };
      if (touched.changes === 1) {
        this.rememberTouch(input.sessionId, spentAt.getTime());
      }
      return { spent: true, session: row && toGatewaySession(row) };
    });
  }

  async markActivity(id: string, at: Date): Promise<void> {
    const touched = this.touchedAtHandshake.get(id);
    if (touched !== undefined) {
      this.touchedAtHandshake.delete(id);
      // The handshake's statement wrote it moments ago (the runner's first output follows it).
      if (at.getTime() - touched < this.activityWriteMs) return;
    }
    if (this.isPostgres) {
      await this.runPostgres(MARK_ACTIVITY_PG, [at, id]);
      return;
    }
    await this.onSqlite(statement =>
      statement(SQLITE.markActivity).run(at.getTime(), id),
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

  private rememberTouch(sessionId: string, at: number) {
    if (this.activityWriteMs <= 0) return;
    // Sessions that never saw activity (the runner could not be dialled) are forgotten here.
    if (at - this.lastSweep >= this.activityWriteMs) {
      this.lastSweep = at;
      for (const [id, touched] of this.touchedAtHandshake) {
        if (at - touched >= this.activityWriteMs)
          this.touchedAtHandshake.delete(id);
      }
    }
    this.touchedAtHandshake.set(sessionId, at);
  }

  /**
   * Runs a hot-path statement on a pooled Postgres connection by name, past knex's query
   * builder: the handshake's statement is parsed and planned once per connection, not per use.
   * The pool is still knex's (its acquire timeout, its disposal of broken connections).
   */
  private async runPostgres(
    statement: PreparedStatement,
    values: unknown[],
  ): Promise<unknown[]> {
    return guarded(async () => {
      const client = this.db.client;
      const connection: PgConnection = await client.acquireConnection();
      try {
        const result = await connection.query({ ...statement, values });
        return result.rows;
      } finally {
        await client.releaseConnection(connection);
      }
    });
  }

  /**
   * Runs hot-path statements on a pooled SQLite connection, each prepared once per connection
   * (better-sqlite3 is synchronous: the statements of one call run back to back). Times are
   * bound as epoch milliseconds, as knex binds them there.
   */
  private async onSqlite<T>(
    work: (statement: (sql: string) => SqliteStatement) => T,
  ): Promise<T> {
    return guarded(async () => {
      const client = this.db.client;
      const connection: SqliteConnection = await client.acquireConnection();
      try {
        let prepared = this.sqliteStatements.get(connection);
        if (!prepared) {
          prepared = new Map();
          this.sqliteStatements.set(connection, prepared);
        }
        const cache = prepared;
        return work(sql => {
          let statement = cache.get(sql);
          if (!statement) {
            statement = connection.prepare(sql);
            cache.set(sql, statement);
          }
          return statement;
        });
      } finally {
        await client.releaseConnection(connection);
      }
    });
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await guarded(() => this.db.raw('select 1'));
  }
}

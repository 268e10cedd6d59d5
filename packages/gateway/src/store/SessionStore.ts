import { Knex } from 'knex';
import {
  SessionRow,
  SessionStoreTables,
} from '@hatchway/plugin-terminal-common';
import { GroupedRunner } from './GroupedRunner';

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
 * Spends a group of tickets, reads their sessions and — for each ticket spent here whose session
 * is Ready, owned by the ticket's subject and on the ticket's pod — records the connection as
 * activity, in one statement (the handshakes of a burst share it: {@link GroupedRunner}). The
 * CTEs' writes run exactly once, to completion, whatever the select does with them; concurrent
 * inserts of one jti wait on each other, so exactly one of them returns it. The caller passes
 * each jti once (a group's duplicates are answered in JavaScript: `ON CONFLICT DO NOTHING` would
 * return the jti once and both rows would read as spent), sorted, so that two groups in flight
 * take their rows' locks in the same order. One row per input, in input order: `spent`,
 * `touched`, and the session's columns as they were before the update (NULL when there is no
 * such session).
 */
const SPEND_AND_READ_PG: PreparedStatement = {
  name: 'hatchway_gateway_spend_and_read_group',
  text: `
WITH input AS (
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[], $4::varchar[], $5::varchar[])
    WITH ORDINALITY AS i(jti, session_id, expires_at, owner, pod_uid, ord)
), spent AS (
  INSERT INTO ${
    SessionStoreTables.spentTickets
  } (jti, session_id, expires_at, spent_at)
  SELECT jti, session_id, expires_at, $6 FROM input ORDER BY ord
  ON CONFLICT (jti) DO NOTHING
  RETURNING jti
), touched AS (
  UPDATE ${SessionStoreTables.sessions} AS s SET last_activity_at = $6
  WHERE s.id = ANY($2::varchar[]) AND s.state = 'Ready'
    AND EXISTS (SELECT 1 FROM input AS i JOIN spent USING (jti)
      WHERE i.session_id = s.id AND i.owner = s.owner AND i.pod_uid = s.pod_uid)
  RETURNING s.id
)
SELECT i.jti IN (SELECT jti FROM spent) AS spent,
  i.session_id IN (SELECT id FROM touched) AS touched,
  ${SESSION_COLUMNS.map(c => `s.${c}`).join(', ')}
FROM input AS i
LEFT JOIN ${SessionStoreTables.sessions} AS s ON s.id = i.session_id
ORDER BY i.ord`,
};

const MARK_ACTIVITY_PG: PreparedStatement = {
  name: 'hatchway_gateway_mark_activity',
  text: `UPDATE ${SessionStoreTables.sessions} SET last_activity_at = $1 WHERE id = $2`,
};

/** One handshake's ticket to spend. */
export interface SpendRequest {
  jti: string;
  sessionId: string;
  expiresAt: Date;
  /** The ticket's subject and pod UID: only a matching session's activity is recorded. */
  owner: string;
  podUid: string;
}

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
  /** Concurrent handshakes' spends, grouped into one statement (Postgres). */
  private readonly spendGroups = new GroupedRunner(
    (requests: SpendRequest[]) => this.spendGroupOnPostgres(requests),
    { maxInFlight: 1, maxGroupSize: 256, lingerMs: 5 },
  );
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
   * On Postgres this is one statement and one round trip, shared by the handshakes of a burst:
   * the `INSERT … ON CONFLICT (jti) DO NOTHING RETURNING jti` of the store's contract, in a CTE
   * the sessions' SELECT reads from, and the session's `last_activity_at` (the connection is
   * activity; the activity write that follows at the runner's first output is then skipped). SQLite (local use; no writes in a
   * CTE) runs the same insert, select and update as three prepared statements back to back.
   */
  async spendTicketAndGetSession(
    input: SpendRequest,
  ): Promise<{ spent: boolean; session: GatewaySession | undefined }> {
    if (this.isPostgres) {
      const row = await this.spendGroups.run(input);
      if (row.touched) this.rememberTouch(input.sessionId, row.spentAt);
      return {
        spent: row.spent === true,
        session: row.id === null ? undefined : toGatewaySession(row),
      };
    }
    const spentAt = new Date();
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

  /**
   * Runs one group of spends as {@link SPEND_AND_READ_PG}: each jti once, sorted; a jti's later
   * requests in the group read as not spent (the first one spends it).
   */
  private async spendGroupOnPostgres(
    requests: SpendRequest[],
  ): Promise<Array<SpendAndReadRow & { spentAt: number }>> {
    const spentAt = new Date();
    const first = new Map<string, SpendRequest>();
    for (const request of requests) {
      if (!first.has(request.jti)) first.set(request.jti, request);
    }
    const distinct = [...first.values()].sort((a, b) =>
      a.jti < b.jti ? -1 : 1,
    );
    const rows = (await this.runPostgres(SPEND_AND_READ_PG, [
      distinct.map(r => r.jti),
      distinct.map(r => r.sessionId),
      distinct.map(r => r.expiresAt),
      distinct.map(r => r.owner),
      distinct.map(r => r.podUid),
      spentAt,
    ])) as SpendAndReadRow[];
    const byJti = new Map(distinct.map((r, i) => [r.jti, rows[i]]));
    return requests.map(request => {
      const row = byJti.get(request.jti)!;
      const isFirst = first.get(request.jti) === request;
      return isFirst
        ? { ...row, spentAt: spentAt.getTime() }
        : { ...row, spent: false, touched: false, spentAt: spentAt.getTime() };
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

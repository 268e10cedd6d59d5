/**
 * The session store's contract: the tables the terminal backend creates (knex migrations in
 * `@hatchway/plugin-terminal-backend/migrations`) and the gateway reads and writes. Postgres in
 * production; SQLite works for local use.
 *
 * Ticket consumption is one atomic statement, never check-then-write:
 *
 * ```sql
 * INSERT INTO terminal_spent_tickets (jti, session_id, expires_at, spent_at)
 * VALUES (?, ?, ?, ?) ON CONFLICT (jti) DO NOTHING RETURNING jti
 * ```
 *
 * One row back: the ticket was unused and is now spent. No row: it was used before (close 4409).
 * A ticket's validity otherwise rests on its signature and `exp`; the row only has to outlive
 * `exp`, after which the backend's reaper prunes it. On Postgres the table is UNLOGGED (a crash
 * loses only rows of tickets that are about to expire anyway).
 *
 * @public
 */
export const SessionStoreTables = {
  sessions: 'terminal_sessions',
  spentTickets: 'terminal_spent_tickets',
  recordings: 'terminal_recording_chunks',
} as const;

/**
 * A row of `terminal_sessions`. Timestamps are ISO strings on SQLite and Date on Postgres when
 * read raw; use the store's accessors rather than comparing them as strings.
 * @public
 */
export interface SessionRow {
  id: string;
  owner: string;
  profile: string;
  vcluster: string | null;
  /** `Starting`, `Ready` or `Ended`. */
  state: string;
  reason: string | null;
  namespace: string;
  job_name: string | null;
  secret_name: string | null;
  pod_name: string | null;
  pod_uid: string | null;
  pod_ip: string | null;
  /** ttyd's `-c user:password` for this session; only the gateway reads it. */
  ttyd_credential: string;
  /** 1 when the runner came from the warm pool. */
  warm: number | boolean;
  /** 1 when the gateway must record the session (asciicast v2). */
  recording: number | boolean;
  /** 1 when input is recorded too. */
  record_input: number | boolean;
  idle_timeout_seconds: number;
  created_at: string | Date;
  ready_at: string | Date | null;
  last_activity_at: string | Date | null;
  ended_at: string | Date | null;
  expires_at: string | Date;
}

/** A row of `terminal_spent_tickets`. @public */
export interface SpentTicketRow {
  jti: string;
  session_id: string;
  expires_at: string | Date;
  spent_at: string | Date;
}

/**
 * A row of `terminal_recording_chunks`: consecutive asciicast v2 lines (newline-terminated) of
 * one session; `seq` 0 holds the header. The backend serves them concatenated in `seq` order.
 * @public
 */
export interface RecordingChunkRow {
  session_id: string;
  seq: number;
  data: string;
  created_at: string | Date;
}

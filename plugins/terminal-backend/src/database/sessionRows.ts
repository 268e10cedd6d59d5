import { SessionRow } from '@hatchway/plugin-terminal-common';
import { NewSession, StoredSession } from './types';

/** A stored time as a Date: Postgres returns Dates, SQLite the epoch milliseconds bound. */
export function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

function optionalDate(
  value: string | number | Date | null | undefined,
): Date | undefined {
  return value === null || value === undefined ? undefined : toDate(value);
}

/** A row as read from either database, as a session. */
export function fromRow(row: SessionRow): StoredSession {
  return {
    id: row.id,
    owner: row.owner,
    profile: row.profile,
    vcluster: row.vcluster ?? undefined,
    state: row.state as StoredSession['state'],
    reason: row.reason ?? undefined,
    namespace: row.namespace,
    jobName: row.job_name ?? undefined,
    secretName: row.secret_name ?? undefined,
    podName: row.pod_name ?? undefined,
    podUid: row.pod_uid ?? undefined,
    podIp: row.pod_ip ?? undefined,
    ttydCredential: row.ttyd_credential,
    warm: Boolean(row.warm),
    recording: Boolean(row.recording),
    recordInput: Boolean(row.record_input),
    idleTimeoutSeconds: row.idle_timeout_seconds,
    createdAt: toDate(row.created_at),
    readyAt: optionalDate(row.ready_at),
    lastActivityAt: optionalDate(row.last_activity_at),
    endedAt: optionalDate(row.ended_at),
    expiresAt: toDate(row.expires_at),
  };
}

/** The row of a new, Starting session. */
export function toNewRow(session: NewSession): SessionRow {
  return {
    id: session.id,
    owner: session.owner,
    profile: session.profile,
    vcluster: session.vcluster ?? null,
    state: 'Starting',
    reason: null,
    namespace: session.namespace,
    job_name: session.jobName ?? null,
    secret_name: session.secretName ?? null,
    pod_name: null,
    pod_uid: null,
    pod_ip: null,
    ttyd_credential: session.ttydCredential,
    warm: session.warm,
    recording: session.recording,
    record_input: session.recordInput,
    idle_timeout_seconds: session.idleTimeoutSeconds,
    created_at: session.createdAt,
    ready_at: null,
    last_activity_at: null,
    ended_at: null,
    expires_at: session.expiresAt,
  };
}

import { SessionRow } from '@hatchway/plugin-terminal-common';

/** A session as the backend works with it: a store row with real Dates and booleans. */
export interface StoredSession {
  id: string;
  owner: string;
  profile: string;
  vcluster?: string;
  state: 'Starting' | 'Ready' | 'Ended';
  reason?: string;
  namespace: string;
  jobName?: string;
  secretName?: string;
  podName?: string;
  podUid?: string;
  podIp?: string;
  /** ttyd's credential; read by the gateway, never returned by the API nor logged. */
  ttydCredential: string;
  warm: boolean;
  recording: boolean;
  recordInput: boolean;
  idleTimeoutSeconds: number;
  createdAt: Date;
  readyAt?: Date;
  lastActivityAt?: Date;
  endedAt?: Date;
  expiresAt: Date;
}

/** Where a runner pod is, as the pod watcher sees it. */
export interface RunnerPodRef {
  podName: string;
  podUid: string;
  podIp?: string;
}

/** Why a create was refused by a cap. */
export type CapRejection = 'perUser' | 'global';

/** The fields a new session starts with. */
export type NewSession = Omit<
  StoredSession,
  'state' | 'reason' | 'readyAt' | 'lastActivityAt' | 'endedAt'
>;

/** The runner a session was given after its row was reserved. */
export interface RunnerAssignment {
  jobName: string;
  secretName: string;
  ttydCredential: string;
  warm: boolean;
  pod?: RunnerPodRef;
  /** Set when the runner's pod is already Ready (a warm claim). */
  readyAt?: Date;
}

/**
 * The session tables (contract in @hatchway/plugin-terminal-common), Postgres or SQLite.
 * @internal
 */
export interface SessionStore {
  /** Inserts a Starting session unless a cap is reached; count and insert are one transaction. */
  insertWithinCaps(
    session: NewSession,
    limits: { perUser: number; global: number },
  ): Promise<CapRejection | undefined>;
  /** Gives a reserved session its runner. */
  assignRunner(id: string, runner: RunnerAssignment): Promise<void>;
  /** Removes a session whose runner could not be created: nothing of it remains. */
  remove(id: string): Promise<void>;
  get(id: string): Promise<StoredSession | undefined>;
  getMany(ids: string[]): Promise<Array<StoredSession | undefined>>;
  /** Newest first; one owner's, or everyone's. */
  list(filter: { owner?: string }): Promise<StoredSession[]>;
  /** Sessions that are not Ended. */
  listLive(): Promise<StoredSession[]>;
  /** Records the runner pod; the session turns Ready when `ready` and it was Starting. */
  recordPod(
    id: string,
    pod: RunnerPodRef,
    ready: boolean,
    now: Date,
  ): Promise<void>;
  /** Ends a live session; false when it had already ended (someone else cleans up). */
  end(id: string, reason: string, now: Date): Promise<boolean>;
  /** Deletes spent ticket rows that expired before `now`; returns how many. */
  pruneSpentTickets(now: Date): Promise<number>;
  /** Deletes recording chunks written before `before`; returns how many. */
  pruneRecordings(before: Date): Promise<number>;
  /** The recording's asciicast lines in order; empty when none. */
  recording(id: string): Promise<string[]>;
}

export type { SessionRow };

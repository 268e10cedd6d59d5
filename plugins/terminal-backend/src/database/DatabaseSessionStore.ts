import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  SessionRow,
  SessionStoreTables,
} from '@hatchway/plugin-terminal-common';
import { Knex } from 'knex';
import { fromRow, toNewRow } from './sessionRows';
import {
  CapRejection,
  NewSession,
  RunnerAssignment,
  RunnerPodRef,
  SessionStore,
  StoredSession,
} from './types';

const migrationsDir = resolvePackagePath(
  '@hatchway/plugin-terminal-backend',
  'migrations',
);

const { sessions, spentTickets, recordings } = SessionStoreTables;

/** Serialises cap checks across backend replicas on Postgres (any constant will do). */
const CAP_LOCK_KEY = 0x7e4d1;

/**
 * The session tables on the plugin's database (Postgres or SQLite).
 * @internal
 */
export class DatabaseSessionStore implements SessionStore {
  /** Connects and brings the schema up to date, unless the database service says to skip. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSessionStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSessionStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async insertWithinCaps(
    session: NewSession,
    limits: { perUser: number; global: number },
  ): Promise<CapRejection | undefined> {
    return this.knex.transaction(async tx => {
      // One creator at a time: the counts below stay true until this insert commits.
      // (SQLite runs one write transaction at a time anyway.)
      if (tx.client.config.client === 'pg') {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [CAP_LOCK_KEY]);
      }
      const live = () => tx(sessions).whereNot('state', 'Ended');
      const [{ mine }] = await live()
        .where('owner', session.owner)
        .count({ mine: '*' });
      if (Number(mine) >= limits.perUser) return 'perUser';
      const [{ all }] = await live().count({ all: '*' });
      if (Number(all) >= limits.global) return 'global';
      await tx(sessions).insert(toNewRow(session));
      return undefined;
    });
  }

  async assignRunner(id: string, runner: RunnerAssignment): Promise<void> {
    await this.knex(sessions)
      .where({ id })
      .update({
        job_name: runner.jobName,
        secret_name: runner.secretName,
        ttyd_credential: runner.ttydCredential,
        warm: runner.warm,
        ...(runner.pod && {
          pod_name: runner.pod.podName,
          pod_uid: runner.pod.podUid,
          pod_ip: runner.pod.podIp ?? null,
        }),
        ...(runner.readyAt && { state: 'Ready', ready_at: runner.readyAt }),
      });
  }

  async remove(id: string): Promise<void> {
    await this.knex(sessions).where({ id }).delete();
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const row = await this.knex<SessionRow>(sessions).where({ id }).first();
    return row && fromRow(row);
  }

  async getMany(ids: string[]): Promise<Array<StoredSession | undefined>> {
    const rows = await this.knex<SessionRow>(sessions).whereIn('id', ids);
    const byId = new Map(rows.map(row => [row.id, fromRow(row)]));
    return ids.map(id => byId.get(id));
  }

  async list(filter: { owner?: string }): Promise<StoredSession[]> {
    const query = this.knex<SessionRow>(sessions).orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.owner) query.where('owner', filter.owner);
    return (await query).map(fromRow);
  }

  async listLive(): Promise<StoredSession[]> {
    const rows = await this.knex<SessionRow>(sessions).whereNot(
      'state',
      'Ended',
    );
    return rows.map(fromRow);
  }

  async recordPod(
    id: string,
    pod: RunnerPodRef,
    ready: boolean,
    now: Date,
  ): Promise<void> {
    await this.knex(sessions)
      .where({ id })
      .whereNot('state', 'Ended')
      .update({
        pod_name: pod.podName,
        pod_uid: pod.podUid,
        pod_ip: pod.podIp ?? null,
      });
    if (ready) {
      await this.knex(sessions)
        .where({ id, state: 'Starting' })
        .update({ state: 'Ready', ready_at: now });
    }
  }

  async end(id: string, reason: string, now: Date): Promise<boolean> {
    const changed = await this.knex(sessions)
      .where({ id })
      .whereNot('state', 'Ended')
      .update({ state: 'Ended', reason, ended_at: now });
    return changed > 0;
  }

  async pruneSpentTickets(now: Date): Promise<number> {
    return this.knex(spentTickets).where('expires_at', '<', now).delete();
  }

  async pruneRecordings(before: Date): Promise<number> {
    return this.knex(recordings).where('created_at', '<', before).delete();
  }

  async recording(id: string): Promise<string[]> {
    const rows = await this.knex(recordings)
      .where({ session_id: id })
      .orderBy('seq', 'asc')
      .select('data');
    return rows.map(row => row.data);
  }
}

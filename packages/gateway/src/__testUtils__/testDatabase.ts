import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { GatewayConfigInput } from '../config/schema';

/** The terminal backend's migrations: the tests create the real tables the real way. */
export const MIGRATIONS_DIR = path.resolve(
  path.dirname(require.resolve('@hatchway/gateway/package.json')),
  '../../plugins/terminal-backend/migrations',
);

/** Which databases the tests run on. */
export type TestDatabaseKind = 'pg' | 'better-sqlite3';

/** A migrated database of its own for one test file, and the gateway's config for it. */
export interface TestDatabase {
  knex: Knex;
  config: GatewayConfigInput['database'];
  close(): Promise<void>;
}

/**
 * A fresh database: on Postgres a new database in the server of `postgresUrl` (default
 * HATCHWAY_TEST_POSTGRES_URL), on SQLite a file in a temp folder (the gateway opens its own
 * connection, so it cannot be in memory).
 */
export async function createTestDatabase(
  kind: TestDatabaseKind,
  postgresUrl = process.env.HATCHWAY_TEST_POSTGRES_URL,
): Promise<TestDatabase> {
  let config: GatewayConfigInput['database'];
  let databaseName: string | undefined;
  if (kind === 'pg') {
    if (!postgresUrl) throw new Error('HATCHWAY_TEST_POSTGRES_URL is not set');
    const name = `gateway_${randomBytes(6).toString('hex')}`;
    databaseName = name;
    const admin = knexFactory({ client: 'pg', connection: postgresUrl });
    await admin.raw(`CREATE DATABASE ${name}`);
    await admin.destroy();
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    config = { client: 'pg', connection: url.toString() };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'gateway-db-'));
    config = {
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'store.db') },
    };
  }
  const knex = knexFactory({
    ...config,
    useNullAsDefault: true,
  } as Knex.Config);
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  const close = async () => {
    await knex.destroy();
    // A dropped database leaves the server nothing to autovacuum in later tests and benches.
    if (kind === 'pg') await dropDatabase(postgresUrl!, databaseName!);
  };
  return { knex, config, close };
}

/** Drops a test database, cutting connections a test left open; a failure is not the test's. */
async function dropDatabase(postgresUrl: string, name: string) {
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch {
    // The server is gone (a test stopped it) or older than 13: the database stays.
  } finally {
    await admin.destroy();
  }
}

/** A Ready session row pointing at a runner; returns its id, owner, pod UID and credential. */
export async function insertSession(
  knex: Knex,
  values: Partial<Record<string, unknown>> & { pod_ip: string },
) {
  const now = new Date();
  const row = {
    id: `s-${randomBytes(6).toString('hex')}`,
    owner: 'user:default/jane',
    profile: 'default',
    state: 'Ready',
    namespace: 'hatchway-sessions',
    pod_uid: randomUUID(),
    ttyd_credential: `hatchway:${randomBytes(12).toString('hex')}`,
    idle_timeout_seconds: 1800,
    created_at: now,
    ready_at: now,
    expires_at: new Date(now.getTime() + 3600_000),
    ...values,
  };
  await knex(SessionStoreTables.sessions).insert(row);
  return row as typeof row & {
    id: string;
    owner: string;
    pod_uid: string;
    ttyd_credential: string;
  };
}

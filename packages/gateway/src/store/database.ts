import knexFactory, { Knex } from 'knex';
import { GatewayConfig } from '../config/schema';
import { GatewayLogger } from '../observability/logger';

/**
 * The knex instance over the terminal backend's database. Acquiring a connection gives up after
 * two seconds so that, while the database is away, a handshake fails fast with 4503 instead of
 * hanging; the pool replaces broken connections once the database is back.
 */
export function createDatabase(
  config: GatewayConfig['database'],
  logger: GatewayLogger,
): Knex {
  // knex prints to the console by default; its messages go to the JSON log instead.
  const log = {
    warn: (message: unknown) =>
      logger.warn('database', { detail: String(message) }),
    error: (message: unknown) =>
      logger.warn('database', { detail: String(message) }),
    deprecate: () => undefined,
    debug: () => undefined,
  };
  if (config.client === 'better-sqlite3') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: config.connection.filename },
      useNullAsDefault: true,
      log,
    });
  }
  return knexFactory({
    client: 'pg',
    connection: config.connection as Knex.StaticConnectionConfig,
    pool: { min: 0, max: 10, idleTimeoutMillis: 30000 },
    acquireConnectionTimeout: 2000,
    log,
  });
}

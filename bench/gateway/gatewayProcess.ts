/**
 * The Hatchway gateway as a benchmark contender, in a process of its own (so its RSS and CPU time
 * are its own): a session store migrated by the terminal backend's migrations — a fresh database
 * in the Postgres server of HATCHWAY_TEST_POSTGRES_URL (`pg`) or a SQLite file (`sqlite`) — a
 * JWKS issuer for tickets, and on request Ready session rows pointing at the upstream plus one
 * single-use ticket each.
 *
 *   gatewayProcess.ts <upstreamPort> <pg|sqlite>
 */
import {
  parseGatewayConfig,
  startGateway,
  createLogger,
} from '@hatchway/gateway';
import { TestTicketIssuer } from '../../packages/gateway/src/__testUtils__/ticketIssuer';
import {
  createTestDatabase,
  insertSession,
} from '../../packages/gateway/src/__testUtils__/testDatabase';

import { BENCH_ORIGIN } from './contenders';
const OWNER = 'user:default/bench';

async function main() {
  const upstreamPort = Number(process.argv[2]);
  const store = process.argv[3] === 'pg' ? 'pg' : 'better-sqlite3';
  const issuer = await TestTicketIssuer.start();
  const db = await createTestDatabase(store);
  const config = parseGatewayConfig({
    listen: { host: '127.0.0.1', port: 0 },
    database: db.config,
    tickets: { jwksUrl: issuer.jwksUrl },
    allowedOrigins: [BENCH_ORIGIN],
    allowedPodCidrs: ['127.0.0.0/8'],
    upstreamPort,
    rateLimits: { perUser: 1e9, perAddress: 1e9 },
    caps: { sessionsPerUser: 1e6, sessionsPerProcess: 1e6 },
    logLevel: 'warn',
  });
  const gateway = await startGateway(config, { logger: createLogger('warn') });
  // Where the Postgres server keeps its pid: the bench reads the server's CPU time from /proc.
  const dataDirectory =
    store === 'pg'
      ? (
          await db.knex.raw(
            "SELECT current_setting('data_directory') AS directory",
          )
        ).rows[0].directory
      : undefined;

  process.on('message', async (request: { count: number }) => {
    const targets = [];
    for (let i = 0; i < request.count; i++) {
      const row = await insertSession(db.knex, {
        pod_ip: '127.0.0.1',
        owner: OWNER,
      });
      const token = await issuer.sign({
        sid: row.id,
        sub: OWNER,
        puid: row.pod_uid,
        expiresInSeconds: 3600,
      });
      targets.push({ url: `${gateway.url}/sessions/${row.id}`, token });
    }
    // The setup's writes (a new database, these rows) are flushed before the clock starts, so
    // that a checkpoint of them does not land in the measure as the database's CPU.
    if (store === 'pg') await db.knex.raw('CHECKPOINT');
    process.send!({ targets });
  });
  process.on('disconnect', async () => {
    await gateway.close();
    await issuer.close();
    await db.close();
    process.exit(0);
  });
  // The parent stops it by disconnecting; a SIGTERM that comes first waits for that exit.
  process.on('SIGTERM', () => undefined);
  process.send!({ url: gateway.url, dataDirectory });
}

main().catch(error => {
  process.stderr.write(`gateway contender failed: ${error.stack ?? error}\n`);
  process.exit(1);
});

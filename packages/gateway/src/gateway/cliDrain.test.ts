import { DevRunnerPods } from '../__testUtils__/devRunners';
import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';
import { freePort, startGatewayProcess } from '../__testUtils__/processes';
import { TEST_ORIGIN } from '../__testUtils__/startTestGateway';
import {
  createTestDatabase,
  insertSession,
  TestDatabase,
} from '../__testUtils__/testDatabase';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';

describe('the hatchway-gateway command', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  const pods = new DevRunnerPods();

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('better-sqlite3');
  });
  afterAll(async () => {
    await pods.closeAll();
    await Promise.all([issuer.close(), db.close()]);
  });

  it('drains on SIGTERM: live sessions get 1001 after drainSeconds, then it exits 0', async () => {
    const pod = await pods.start('127.0.0.2');
    const port = await freePort();
    const gateway = await startGatewayProcess({
      HATCHWAY_GATEWAY_HOST: '127.0.0.1',
      HATCHWAY_GATEWAY_PORT: String(port),
      HATCHWAY_GATEWAY_DATABASE_CLIENT: 'better-sqlite3',
      HATCHWAY_GATEWAY_DATABASE_FILENAME: (
        db.config.connection as { filename: string }
      ).filename,
      HATCHWAY_GATEWAY_JWKS_URL: issuer.jwksUrl,
      HATCHWAY_GATEWAY_ALLOWED_ORIGINS: TEST_ORIGIN,
      HATCHWAY_GATEWAY_ALLOWED_POD_CIDRS: '127.0.0.0/8',
      HATCHWAY_GATEWAY_UPSTREAM_PORT: String(pod.runner.port),
      HATCHWAY_GATEWAY_DRAIN_SECONDS: '1',
    });
    const session = await insertSession(db.knex, {
      pod_ip: pod.ip,
      ttyd_credential: pod.credential,
    });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: session.owner,
      puid: session.pod_uid,
    });
    const client = await GatewayTestClient.connect(
      `ws://127.0.0.1:${port}`,
      session.id,
    ).start(ticket);
    client.type('echo before-drain\r');
    await client.waitForOutput(/before-drain/);

    const sent = Date.now();
    gateway.child.kill('SIGTERM');
    expect(await client.outcome).toEqual({
      code: 1001,
      reason: 'the gateway is restarting; reconnect',
    });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(900);
    const exitCode = await new Promise(resolve =>
      gateway.child.exitCode !== null
        ? resolve(gateway.child.exitCode)
        : gateway.child.once('exit', resolve),
    );
    expect(exitCode).toBe(0);
    expect(gateway.output()).toContain('"message":"draining"');
  });
});

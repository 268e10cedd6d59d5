import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { DevRunnerPods } from '../__testUtils__/devRunners';
import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';
import { OwnPostgres } from '../__testUtils__/OwnPostgres';
import {
  startTestGateway,
  TestGateway,
} from '../__testUtils__/startTestGateway';
import {
  createTestDatabase,
  insertSession,
  TestDatabase,
} from '../__testUtils__/testDatabase';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';

describe('the session store going away and coming back', () => {
  let postgres: OwnPostgres;
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  let gateway: TestGateway;
  const pods = new DevRunnerPods();
  let pod: Awaited<ReturnType<DevRunnerPods['start']>>;

  beforeAll(async () => {
    postgres = await OwnPostgres.start();
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('pg', postgres.url);
    pod = await pods.start('127.0.0.2');
    gateway = await startTestGateway({ db, issuer, upstreamPort: pods.port });
  });
  afterAll(async () => {
    await gateway.close();
    await pods.closeAll();
    await Promise.all([issuer.close(), db.close()]);
    postgres.destroy();
  });

  async function connect() {
    const session = await insertSession(db.knex, {
      pod_ip: pod.ip,
      ttyd_credential: pod.credential,
    });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: session.owner,
      puid: session.pod_uid,
    });
    return { session, ticket };
  }

  it('keeps live sessions, refuses new ones with 4503, and recovers', async () => {
    const live = await connect();
    const client = await GatewayTestClient.connect(
      gateway.url,
      live.session.id,
    ).start(live.ticket);
    client.type('echo before-$((1+1))\r');
    await client.waitForOutput(/before-2/);
    const pending = await connect();

    postgres.stopServer();
    client.type('echo during-$((2+2))\r');
    await client.waitForOutput(/during-4/);
    const refused = await GatewayTestClient.connect(
      gateway.url,
      pending.session.id,
    ).start(pending.ticket);
    expect(await refused.outcome).toEqual({
      code: GatewayCloseCode.NOT_READY,
      reason: 'the session store is unavailable',
    });
    const readyz = await fetch(`${gateway.url.replace('ws:', 'http:')}/readyz`);
    expect(readyz.status).toBe(503);

    postgres.startServer();
    // The refused handshake never spent the ticket, so the same one works now.
    const recovered = await GatewayTestClient.connect(
      gateway.url,
      pending.session.id,
    ).start(pending.ticket);
    recovered.type('echo after-$((3+3))\r');
    await recovered.waitForOutput(/after-6/);
    client.type('echo still-$((4+4))\r');
    await client.waitForOutput(/still-8/);
    client.close();
    recovered.close();
  });
});

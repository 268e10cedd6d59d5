import { DevRunnerPods } from '../__testUtils__/devRunners';
import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';
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
import { TOO_MANY_CLOSE_CODE } from '../session/Refusal';

describe('caps and handshake rate limits', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  const pods = new DevRunnerPods();
  let pod: Awaited<ReturnType<DevRunnerPods['start']>>;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('better-sqlite3');
    pod = await pods.start('127.0.0.2');
  });
  afterAll(async () => {
    await Promise.all(gateways.map(g => g.close()));
    await pods.closeAll();
    await Promise.all([issuer.close(), db.close()]);
  });

  async function gatewayWith(overrides: object) {
    const gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: pods.port,
      overrides,
    });
    gateways.push(gateway);
    return gateway;
  }

  async function open(gateway: TestGateway, owner = 'user:default/jane') {
    const session = await insertSession(db.knex, {
      pod_ip: pod.ip,
      ttyd_credential: pod.credential,
      owner,
    });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: owner,
      puid: session.pod_uid,
    });
    return GatewayTestClient.connect(gateway.url, session.id).start(ticket);
  }

  it('refuses a third open session of one user with 4429, not another user', async () => {
    const gateway = await gatewayWith({ caps: { sessionsPerUser: 2 } });
    const [a, b] = [await open(gateway), await open(gateway)];
    await Promise.all([a.waitForOutput(/./), b.waitForOutput(/./)]);
    expect(await (await open(gateway)).outcome).toEqual({
      code: TOO_MANY_CLOSE_CODE,
      reason: 'too many open sessions for this user',
    });
    const bob = await open(gateway, 'user:default/bob');
    await bob.waitForOutput(/./);
    a.close();
    await a.outcome;
    await new Promise(r => setTimeout(r, 300));
    const again = await open(gateway);
    await again.waitForOutput(/./);
    [b, bob, again].forEach(c => c.close());
  });

  it("limits one user's handshake rate with 4429", async () => {
    const gateway = await gatewayWith({
      rateLimits: { perUser: 2, perAddress: 1000 },
    });
    const outcomes = [];
    for (let i = 0; i < 2; i++) {
      const client = await open(gateway);
      await client.waitForOutput(/./);
      client.close();
      outcomes.push(await client.outcome);
    }
    outcomes.push(await (await open(gateway)).outcome);
    expect(outcomes[2]).toEqual({
      code: TOO_MANY_CLOSE_CODE,
      reason: 'too many connection attempts; retry later',
    });
  });

  it('answers 429 before the upgrade when one address opens too many', async () => {
    const gateway = await gatewayWith({
      rateLimits: { perUser: 1000, perAddress: 2 },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const client = GatewayTestClient.connect(gateway.url, 's-any');
      await client.opened;
      client.close();
      statuses.push(await client.outcome);
    }
    expect(statuses[2]).toEqual({ status: 429 });
  });
});

import { request } from 'node:http';
import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { DevRunnerPods } from '../__testUtils__/devRunners';
import { FragileRunner } from '../__testUtils__/FragileRunner';
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

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) =>
    request(url, res => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end(),
  );
}

describe('robustness of live sessions', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  const pods = new DevRunnerPods();
  let steady: Awaited<ReturnType<DevRunnerPods['start']>>;
  let fragile: FragileRunner;

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('pg');
    steady = await pods.start('127.0.0.2');
    fragile = await FragileRunner.start('127.0.0.3', pods.port);
  });
  afterAll(async () => {
    await pods.closeAll();
    await Promise.all([fragile.close(), issuer.close(), db.close()]);
  });

  async function open(
    gateway: TestGateway,
    ip = steady.ip,
    credential = steady.credential,
  ) {
    const session = await insertSession(db.knex, {
      pod_ip: ip,
      ttyd_credential: credential,
    });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: session.owner,
      puid: session.pod_uid,
    });
    return {
      session,
      client: await GatewayTestClient.connect(gateway.url, session.id).start(
        ticket,
      ),
    };
  }

  describe('with default timings', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ db, issuer, upstreamPort: pods.port });
    });
    afterAll(() => gateway.close());

    it('closes only the session whose runner died, with a reason', async () => {
      const alive = await open(gateway);
      const doomed = await open(gateway, '127.0.0.3', 'any:thing');
      await doomed.client.waitForOutput(/fragile runner ready/);
      fragile.crash();
      expect(await doomed.client.outcome).toEqual({
        code: GatewayCloseCode.UPSTREAM,
        reason: 'the runner connection was lost',
      });
      alive.client.type('echo still-$((2+3))\r');
      await alive.client.waitForOutput(/still-5/);
      alive.client.close();
    });

    it('refuses with 4502 when the runner refuses or is not there', async () => {
      const wrongCredential = await open(gateway, steady.ip, 'hatchway:wrong');
      expect(await wrongCredential.client.outcome).toMatchObject({
        code: GatewayCloseCode.UPSTREAM,
      });
      const nobody = await open(gateway, '127.0.0.9');
      expect(await nobody.client.outcome).toEqual({
        code: GatewayCloseCode.UPSTREAM,
        reason: 'the runner cannot be reached',
      });
    });

    it('closes with 1009 when a client frame exceeds 64 KiB', async () => {
      const { client } = await open(gateway);
      await client.waitForOutput(/./);
      client.ws.send(Buffer.alloc(70 * 1024, 0x30));
      expect(await client.outcome).toMatchObject({ code: 1009 });
    });

    it('writes last_activity_at for the backend reaper', async () => {
      const { session, client } = await open(gateway);
      client.type('echo active\r');
      await client.waitForOutput(/active/);
      const row = await db
        .knex('terminal_sessions')
        .where({ id: session.id })
        .first();
      expect(row.last_activity_at).not.toBeNull();
      client.close();
    });
  });

  it('warns in the terminal before closing an idle session with 4408', async () => {
    const gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: pods.port,
      overrides: { idle: { timeoutSeconds: 3, warningSeconds: 2 } },
    });
    const { client } = await open(gateway);
    await client.waitForOutput(/No activity: this session closes in 2 s/, 8000);
    expect(await client.outcome).toEqual({
      code: GatewayCloseCode.IDLE,
      reason: 'closed after 3 s without activity',
    });
    await gateway.close();
  });

  it('terminates a client that stops answering pings', async () => {
    const gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: pods.port,
      overrides: { heartbeatSeconds: 0.5 },
    });
    const { client } = await open(gateway);
    await client.waitForOutput(/./);
    // A frozen browser tab: its socket stays open but it reads nothing, so it never pongs.
    (client.ws as any)._socket.pause();
    await new Promise(r => setTimeout(r, 2500));
    expect(gateway.logs.join('\n')).toContain('the client stopped answering');
    expect(await gateway.metrics.openSessions.get()).toMatchObject({
      values: [{ value: 0 }],
    });
    await gateway.close();
  });

  it('drains: not ready, refuses new sessions with 503, closes live ones with 1001', async () => {
    const gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: pods.port,
      overrides: { drainSeconds: 1 },
    });
    const { client } = await open(gateway);
    await client.waitForOutput(/./);
    const drained = gateway.drain();
    const base = gateway.url.replace('ws:', 'http:');
    expect(await status(`${base}/readyz`)).toBe(503);
    const late = GatewayTestClient.connect(gateway.url, 's-late');
    expect(await late.outcome).toEqual({ status: 503 });
    expect(await client.outcome).toMatchObject({ code: 1001 });
    await drained;
    await gateway.close();
  });
});

import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
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
  TestDatabaseKind,
} from '../__testUtils__/testDatabase';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';

describe.each<TestDatabaseKind>(['pg', 'better-sqlite3'])(
  'a live session on %s',
  kind => {
    let issuer: TestTicketIssuer;
    let db: TestDatabase;
    let gateway: TestGateway;
    const pods = new DevRunnerPods();
    let pod: Awaited<ReturnType<DevRunnerPods['start']>>;

    beforeAll(async () => {
      issuer = await TestTicketIssuer.start();
      db = await createTestDatabase(kind);
      pod = await pods.start('127.0.0.2');
      gateway = await startTestGateway({ db, issuer, upstreamPort: pods.port });
    });
    afterAll(async () => {
      await gateway.close();
      await pods.closeAll();
      await Promise.all([issuer.close(), db.close()]);
    });

    const newSession = () =>
      insertSession(db.knex, {
        pod_ip: pod.ip,
        ttyd_credential: pod.credential,
      });

    it('carries keystrokes to the shell and its output back', async () => {
      const session = await newSession();
      const ticket = await issuer.sign({
        sid: session.id,
        sub: session.owner,
        puid: session.pod_uid,
      });
      const client = await GatewayTestClient.connect(
        gateway.url,
        session.id,
      ).start(ticket);
      client.type('echo round-$((6*7))-trip\r');
      await client.waitForOutput(/round-42-trip/);
      client.ws.close(1000);
      expect(await client.outcome).toMatchObject({ code: 1000 });
      expect(gateway.logs.join('\n')).not.toContain('round-');
      expect(gateway.logs.join('\n')).not.toContain(
        pod.credential.split(':')[1],
      );
    });

    it('records a connected session as active for the reaper, not one refused', async () => {
      const lastActivity = async (id: string) =>
        (
          await db
            .knex('terminal_sessions')
            .where({ id })
            .first('last_activity_at')
        ).last_activity_at;
      const refused = await newSession();
      const stranger = await GatewayTestClient.connect(
        gateway.url,
        refused.id,
      ).start(
        await issuer.sign({
          sid: refused.id,
          sub: 'user:default/mallory',
          puid: refused.pod_uid,
        }),
      );
      expect(await stranger.outcome).toMatchObject({
        code: GatewayCloseCode.NOT_OWNER,
      });
      expect(await lastActivity(refused.id)).toBeNull();

      const session = await newSession();
      const before = Date.now();
      const client = await GatewayTestClient.connect(
        gateway.url,
        session.id,
      ).start(
        await issuer.sign({
          sid: session.id,
          sub: session.owner,
          puid: session.pod_uid,
        }),
      );
      await client.waitForOutput(/./);
      await new Promise(r => setTimeout(r, 200));
      const at = new Date(await lastActivity(session.id)).getTime();
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
      client.close();
    });

    it('accepts exactly one of 100 parallel uses of the same ticket', async () => {
      const session = await newSession();
      const ticket = await issuer.sign({
        sid: session.id,
        sub: session.owner,
        puid: session.pod_uid,
      });
      const clients = Array.from({ length: 100 }, () =>
        GatewayTestClient.connect(gateway.url, session.id),
      );
      await Promise.all(clients.map(c => c.start(ticket)));
      const ended: GatewayTestClient[] = [];
      clients.forEach(c => c.outcome.then(() => ended.push(c)));
      while (ended.length < 99) await new Promise(r => setTimeout(r, 50));
      const outcomes = await Promise.all(ended.map(c => c.outcome));
      expect(
        outcomes.filter(
          o => 'code' in o && o.code === GatewayCloseCode.TICKET_USED,
        ),
      ).toHaveLength(99);
      const [winner] = clients.filter(c => !ended.includes(c));
      winner.type('echo winner-$((1+1))\r');
      await winner.waitForOutput(/winner-2/);
      expect(ended).toHaveLength(99);
      winner.close();
    });
  },
);

import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';
import {
  startTestGateway,
  TestGateway,
} from '../__testUtils__/startTestGateway';
import { StreamingRunner } from '../__testUtils__/StreamingRunner';
import {
  createTestDatabase,
  insertSession,
  TestDatabase,
} from '../__testUtils__/testDatabase';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';

const MiB = 1024 * 1024;

describe('backpressure', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  let runner: StreamingRunner;
  let gateway: TestGateway;

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('better-sqlite3');
    runner = await StreamingRunner.start('127.0.0.2', 0, 512 * MiB);
    gateway = await startTestGateway({ db, issuer, upstreamPort: runner.port });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([runner.close(), issuer.close(), db.close()]);
  });

  it('a client that stops reading stops the runner instead of filling the gateway', async () => {
    const session = await insertSession(db.knex, { pod_ip: '127.0.0.2' });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: session.owner,
      puid: session.pod_uid,
    });
    const client = await GatewayTestClient.connect(
      gateway.url,
      session.id,
    ).start(ticket);
    await client.waitForOutput(/a/);
    // A browser tab too busy to read: nothing more is taken off its socket.
    (client.ws as any)._socket.pause();
    await new Promise(r => setTimeout(r, 1500));
    const stalledAt = runner.sent;
    await new Promise(r => setTimeout(r, 1000));
    // The runner is held back: it sent no more, and what is in flight fits in socket buffers
    // plus the gateway's 1 MiB allowance — far from the 512 MiB it wanted to send.
    expect(runner.sent).toBe(stalledAt);
    expect(stalledAt).toBeLessThan(64 * MiB);
    const before = runner.sent;
    (client.ws as any)._socket.resume();
    // Once the client reads again, the queued megabytes drain and the runner is resumed; on a
    // busy machine that takes longer than a fixed half second.
    for (let i = 0; i < 100 && runner.sent === before; i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    expect(runner.sent).toBeGreaterThan(before);
    client.close();
  });
});

import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';
import {
  startTestGateway,
  TestGateway,
} from '../__testUtils__/startTestGateway';
import {
  numberedFrame,
  StreamingRunner,
} from '../__testUtils__/StreamingRunner';
import {
  createTestDatabase,
  insertSession,
  TestDatabase,
} from '../__testUtils__/testDatabase';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';

const MiB = 1024 * 1024;
/** Frames of the numbered stream: 32 MiB of output. */
const FRAMES = 2048;

describe('backpressure', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  let runner: StreamingRunner;
  let numbered: StreamingRunner;
  let gateway: TestGateway;

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('better-sqlite3');
    runner = await StreamingRunner.start('127.0.0.2', 0, 512 * MiB);
    // The same port on another loopback address: the session's pod IP picks the runner.
    numbered = await StreamingRunner.start(
      '127.0.0.3',
      runner.port,
      FRAMES * 16 * 1024,
      true,
    );
    gateway = await startTestGateway({ db, issuer, upstreamPort: runner.port });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([
      runner.close(),
      numbered.close(),
      issuer.close(),
      db.close(),
    ]);
  });

  /** A Ready session on the runner at `podIp`, and a ticket for it. */
  async function sessionOn(podIp: string) {
    const session = await insertSession(db.knex, { pod_ip: podIp });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: session.owner,
      puid: session.pod_uid,
    });
    return { session, ticket };
  }

  it('a client that stops reading stops the runner instead of filling the gateway', async () => {
    const { session, ticket } = await sessionOn('127.0.0.2');
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

  it('delivers a flood of output byte for byte to a client that keeps stalling', async () => {
    const { session, ticket } = await sessionOn('127.0.0.3');
    const client = GatewayTestClient.connect(gateway.url, session.id);
    const received: Buffer[] = [];
    const socket = () => (client.ws as any)._socket;
    const all = new Promise<void>(resolve =>
      client.ws.on('message', (data: Buffer) => {
        // ttyd's title and preferences come first; output frames start with '0'.
        if (data[0] !== 0x30) return;
        received.push(data);
        // Every 64 frames the client stops reading for a moment: the gateway's writes to it
        // queue up while it keeps reading the runner.
        if (received.length % 64 === 0) {
          socket().pause();
          setTimeout(() => socket().resume(), 20);
        }
        if (received.length === FRAMES) resolve();
      }),
    );
    await client.start(ticket);
    await all;
    const wrong = received.findIndex(
      (frame, i) => !frame.equals(numberedFrame(i)),
    );
    expect(wrong).toBe(-1);
    client.close();
  });
});

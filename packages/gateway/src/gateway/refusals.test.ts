import { GatewayCloseCode } from '@hatchway/plugin-terminal-common';
import { FORGED_TICKETS } from '../__testUtils__/forgedTickets';
import { CountingUpstream } from '../__testUtils__/CountingUpstream';
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

describe('refusals before anything is proxied', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  let upstream: CountingUpstream;
  let gateway: TestGateway;
  let session: Awaited<ReturnType<typeof insertSession>>;

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('pg');
    upstream = await CountingUpstream.start();
    gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: upstream.port,
    });
    session = await insertSession(db.knex, { pod_ip: '127.0.0.1' });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([upstream.close(), issuer.close(), db.close()]);
  });

  const ticketFor = (row = session, extra = {}) =>
    issuer.sign({ sid: row.id, sub: row.owner, puid: row.pod_uid, ...extra });

  async function outcomeOf(ticket: string, sessionId = session.id) {
    const client = await GatewayTestClient.connect(
      gateway.url,
      sessionId,
    ).start(ticket);
    return client.outcome;
  }

  it.each(FORGED_TICKETS.map(f => [f.name, f] as const))(
    'closes with 4401 for %s',
    async (_name, forged) => {
      const ticket = await forged.make(issuer, {
        sid: session.id,
        sub: session.owner,
        puid: session.pod_uid,
      });
      expect(await outcomeOf(ticket)).toEqual({
        code: GatewayCloseCode.BAD_TICKET,
        reason: expect.stringMatching(forged.reason),
      });
    },
  );

  it('refuses a ticket in the URL before the upgrade and never reads it', async () => {
    const ticket = await ticketFor();
    const client = GatewayTestClient.connect(gateway.url, session.id, {
      query: `token=${ticket}`,
    });
    expect(await client.outcome).toEqual({ status: 400 });
    // The ticket was not spent: it still opens the session's handshake (then the store check).
    expect(await db.knex('terminal_spent_tickets').count({ n: '*' })).toEqual([
      { n: '0' },
    ]);
  });

  it('refuses a connection without the tty subprotocol with 400', async () => {
    const client = GatewayTestClient.connect(gateway.url, session.id, {
      protocols: ['chat'],
    });
    expect(await client.outcome).toEqual({ status: 400 });
  });

  it('refuses a forbidden Origin with 403', async () => {
    const client = GatewayTestClient.connect(gateway.url, session.id, {
      origin: 'https://evil.example',
    });
    expect(await client.outcome).toEqual({ status: 403 });
  });

  it('closes with 4400 when the first message is not JSON', async () => {
    const client = GatewayTestClient.connect(gateway.url, session.id);
    await client.opened;
    client.ws.send(Buffer.from('0ls -la\r'));
    expect(await client.outcome).toMatchObject({
      code: GatewayCloseCode.PROTOCOL,
    });
  });

  it('closes with 4409 when a ticket is used a second time', async () => {
    const starting = await insertSession(db.knex, {
      pod_ip: '127.0.0.1',
      state: 'Starting',
    });
    const ticket = await ticketFor(starting);
    expect(await outcomeOf(ticket, starting.id)).toMatchObject({
      code: GatewayCloseCode.NOT_READY,
    });
    expect(await outcomeOf(ticket, starting.id)).toEqual({
      code: GatewayCloseCode.TICKET_USED,
      reason: 'the ticket was already used',
    });
  });

  it("closes with 4403 for someone else's session", async () => {
    const other = await insertSession(db.knex, {
      pod_ip: '127.0.0.1',
      owner: 'user:default/bob',
    });
    const ticket = await issuer.sign({
      sid: other.id,
      sub: 'user:default/jane',
      puid: other.pod_uid,
    });
    expect(await outcomeOf(ticket, other.id)).toMatchObject({
      code: GatewayCloseCode.NOT_OWNER,
    });
  });

  it('closes with 4404 for an unknown or ended session', async () => {
    const ticket = await issuer.sign({
      sid: 's-missing',
      sub: 'user:default/jane',
      puid: 'x',
    });
    expect(await outcomeOf(ticket, 's-missing')).toMatchObject({
      code: GatewayCloseCode.NO_SESSION,
    });
    const ended = await insertSession(db.knex, {
      pod_ip: '127.0.0.1',
      state: 'Ended',
    });
    expect(await outcomeOf(await ticketFor(ended), ended.id)).toMatchObject({
      code: GatewayCloseCode.NO_SESSION,
    });
  });

  it('refuses a runner whose pod was replaced since the ticket was issued', async () => {
    const ticket = await ticketFor(session, { puid: 'the-old-pod' });
    expect(await outcomeOf(ticket)).toMatchObject({
      code: GatewayCloseCode.BAD_TICKET,
      reason: expect.stringMatching(/replaced runner/),
    });
  });

  it('never dials a pod IP outside the allowed ranges', async () => {
    const outside = await insertSession(db.knex, { pod_ip: '169.254.169.254' });
    expect(await outcomeOf(await ticketFor(outside), outside.id)).toMatchObject(
      {
        code: GatewayCloseCode.UPSTREAM,
        reason: 'the runner address is not allowed',
      },
    );
  });

  it('never writes a ticket into its logs', async () => {
    const ticket = await ticketFor();
    await outcomeOf(ticket, 's-missing');
    const signature = ticket.split('.')[2];
    expect(gateway.logs.length).toBeGreaterThan(0);
    expect(gateway.logs.join('\n')).not.toContain(signature);
  });

  // Runs last (jest keeps declaration order): every refusal above reached the runner with nothing.
  it('proxied not one byte to the runner for any refusal', () => {
    expect(upstream.connections).toBe(0);
    expect(upstream.bytes).toBe(0);
  });
});

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
import { encodeResize } from '@hatchway/plugin-terminal-common';

describe('session recording (asciicast v2)', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  let gateway: TestGateway;
  const pods = new DevRunnerPods();

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('pg');
    await pods.start('127.0.0.2');
    gateway = await startTestGateway({
      db,
      issuer,
      upstreamPort: pods.port,
      overrides: { recording: { flushMilliseconds: 100 } },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await pods.closeAll();
    await Promise.all([issuer.close(), db.close()]);
  });

  async function record(recordInput: boolean) {
    const pod = await pods.start(`127.0.0.${recordInput ? 3 : 4}`);
    const session = await insertSession(db.knex, {
      pod_ip: pod.ip,
      ttyd_credential: pod.credential,
      recording: true,
      record_input: recordInput,
    });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: session.owner,
      puid: session.pod_uid,
    });
    const client = await GatewayTestClient.connect(
      gateway.url,
      session.id,
    ).start(ticket, 100, 30);
    client.ws.send(encodeResize({ columns: 120, rows: 40 }));
    client.type('echo recorded-$((40+2))\r');
    await client.waitForOutput(/recorded-42/);
    client.ws.close(1000);
    await client.outcome;
    await new Promise(r => setTimeout(r, 500));
    const chunks = await db
      .knex('terminal_recording_chunks')
      .where({ session_id: session.id })
      .orderBy('seq');
    const lines = chunks
      .map(c => c.data)
      .join('')
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    return { chunks, header: lines[0], events: lines.slice(1) };
  }

  it('stores a header at seq 0, output and resizes, in order', async () => {
    const { chunks, header, events } = await record(false);
    expect(chunks[0].seq).toBe(0);
    expect(header).toMatchObject({ version: 2, width: 100, height: 30 });
    expect(
      events.some(([, kind, data]) => kind === 'r' && data === '120x40'),
    ).toBe(true);
    const output = events
      .filter(([, kind]) => kind === 'o')
      .map(([, , d]) => d)
      .join('');
    expect(output).toContain('recorded-42');
    expect(events.some(([, kind]) => kind === 'i')).toBe(false);
    const times = events.map(([t]) => t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('stores keystrokes too when the session records input', async () => {
    const { events } = await record(true);
    const input = events
      .filter(([, kind]) => kind === 'i')
      .map(([, , d]) => d)
      .join('');
    expect(input).toBe('echo recorded-$((40+2))\r');
  });
});

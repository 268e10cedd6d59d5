import { request } from 'node:http';
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
import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';

function get(
  url: string,
): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) =>
    request(url, res => {
      let body = '';
      res.on('data', c => (body += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          type: res.headers['content-type'],
        }),
      );
    })
      .on('error', reject)
      .end(),
  );
}

describe('HTTP endpoints on the gateway port', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  let gateway: TestGateway;
  let base: string;

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('better-sqlite3');
    gateway = await startTestGateway({ db, issuer, upstreamPort: 9 });
    base = gateway.url.replace('ws:', 'http:');
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([issuer.close(), db.close()]);
  });

  it('answers /healthz and /readyz while the store is reachable', async () => {
    expect(await get(`${base}/healthz`)).toMatchObject({
      status: 200,
      body: 'ok\n',
    });
    expect(await get(`${base}/readyz`)).toMatchObject({
      status: 200,
      body: 'ready\n',
    });
    expect(await get(`${base}/nothing`)).toMatchObject({ status: 404 });
  });

  it('counts handshakes by result in Prometheus format', async () => {
    const session = await insertSession(db.knex, {
      pod_ip: '127.0.0.1',
      owner: 'user:default/bob',
    });
    const ticket = await issuer.sign({
      sid: session.id,
      sub: 'user:default/jane',
      puid: session.pod_uid,
    });
    await (
      await GatewayTestClient.connect(gateway.url, session.id).start(ticket)
    ).outcome;
    await GatewayTestClient.connect(gateway.url, session.id, {
      origin: 'https://evil.example',
    }).outcome;
    const metrics = await get(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    expect(metrics.body).toContain(
      'hatchway_gateway_handshakes_total{result="not_owner"} 1',
    );
    expect(metrics.body).toContain(
      'hatchway_gateway_handshakes_total{result="http_403"} 1',
    );
    expect(metrics.body).toContain('hatchway_gateway_open_sessions 0');
    expect(metrics.body).toContain(
      'hatchway_gateway_handshake_duration_seconds_bucket',
    );
  });
});

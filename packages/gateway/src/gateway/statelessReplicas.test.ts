import { DevRunnerPods } from '../__testUtils__/devRunners';
import { GatewayTestClient } from '../__testUtils__/GatewayTestClient';
import {
  freePort,
  RunningProcess,
  startGatewayProcess,
  startNginx,
} from '../__testUtils__/processes';
import { TEST_ORIGIN } from '../__testUtils__/startTestGateway';
import {
  createTestDatabase,
  insertSession,
  TestDatabase,
} from '../__testUtils__/testDatabase';
import { TestTicketIssuer } from '../__testUtils__/ticketIssuer';

describe('three stateless gateway replicas behind nginx', () => {
  let issuer: TestTicketIssuer;
  let db: TestDatabase;
  const pods = new DevRunnerPods();
  let pod: Awaited<ReturnType<DevRunnerPods['start']>>;
  let replicas: RunningProcess[];
  let nginx: Awaited<ReturnType<typeof startNginx>>;

  beforeAll(async () => {
    issuer = await TestTicketIssuer.start();
    db = await createTestDatabase('pg');
    pod = await pods.start('127.0.0.2');
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    replicas = await Promise.all(
      ports.map(port =>
        startGatewayProcess({
          HATCHWAY_GATEWAY_HOST: '127.0.0.1',
          HATCHWAY_GATEWAY_PORT: String(port),
          HATCHWAY_GATEWAY_DATABASE_CLIENT: 'pg',
          HATCHWAY_GATEWAY_DATABASE_URL: String(db.config.connection),
          HATCHWAY_GATEWAY_JWKS_URL: issuer.jwksUrl,
          HATCHWAY_GATEWAY_ALLOWED_ORIGINS: TEST_ORIGIN,
          HATCHWAY_GATEWAY_ALLOWED_POD_CIDRS: '127.0.0.0/8',
          HATCHWAY_GATEWAY_UPSTREAM_PORT: String(pods.port),
          HATCHWAY_GATEWAY_TRUST_FORWARDED_FOR: 'true',
        }),
      ),
    );
    nginx = await startNginx(ports);
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((replicas ?? []).map(r => r.stop('SIGKILL')));
    await pods.closeAll();
    await Promise.all([issuer.close(), db.close()]);
  });

  it('a client whose replica is killed reconnects through another and finds its screen', async () => {
    const session = await insertSession(db.knex, {
      pod_ip: pod.ip,
      ttyd_credential: pod.credential,
    });
    const ticket = () =>
      issuer.sign({
        sid: session.id,
        sub: session.owner,
        puid: session.pod_uid,
      });
    const base = `ws://127.0.0.1:${nginx.port}`;

    const first = await GatewayTestClient.connect(base, session.id).start(
      await ticket(),
    );
    first.type('echo screen-marker-$((7*6))\r');
    await first.waitForOutput(/screen-marker-42/);
    const serving = replicas.filter(r =>
      r.output().includes(`"session":"${session.id}"`),
    );
    expect(serving).toHaveLength(1);
    await serving[0].stop('SIGKILL');
    expect(await first.outcome).toMatchObject({ code: 1006 });

    const second = await GatewayTestClient.connect(base, session.id).start(
      await ticket(),
    );
    // tmux redraws the screen on attach: the earlier output is there without typing anything.
    await second.waitForOutput(/screen-marker-42/);
    const survivors = replicas.filter(r => r !== serving[0]);
    expect(
      survivors.some(r => r.output().includes(`"session":"${session.id}"`)),
    ).toBe(true);
    second.close();
  });
});

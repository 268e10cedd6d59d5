import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { Knex } from 'knex';
import { ADA, JANE, JOHN, startTerminal } from './__testUtils__/backend';
import { GATEWAY_URL, terminalConfig } from './__testUtils__/config';
import { createTestDatabases } from './__testUtils__/databases';
import { RUNNER_NAMESPACE, startRunnerCluster } from './__testUtils__/emulator';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('terminal API on %s', dbId => {
  let cluster: Awaited<ReturnType<typeof startRunnerCluster>>;
  let terminal: Awaited<ReturnType<typeof startTerminal>>;
  let knex: Knex;
  let batch: BatchV1Api;
  let core: CoreV1Api;

  beforeAll(async () => {
    cluster = await startRunnerCluster();
    batch = cluster.kubeConfig.makeApiClient(BatchV1Api);
    core = cluster.core;
    knex = await databases.init(dbId);
    terminal = await startTerminal({
      knex,
      config: terminalConfig(cluster.emulator, {
        limits: { perUser: 2, global: 4 },
      }),
    });
  });

  afterAll(async () => {
    await terminal?.backend.stop();
    await cluster?.emulator.close();
  });

  const jobNames = async () =>
    (await batch.listNamespacedJob({ namespace: RUNNER_NAMESPACE })).items
      .map(j => j.metadata!.name!)
      .sort();
  const sessionRows = async () =>
    knex(SessionStoreTables.sessions).count({ n: '*' });

  it('serves the JWKS without authentication', async () => {
    const res = await terminal.api.get('/api/terminal/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig' }),
    ]);
    expect(res.body.keys[0].d).toBeUndefined();
  });

  it('lists only the profiles the caller may use', async () => {
    const names = async (user: string) =>
      (await terminal.as(user).get('/profiles')).body.items.map(
        (p: { name: string }) => p.name,
      );
    expect(await names(JANE)).toEqual(['shell', 'stuck', 'vc', 'pooled']);
    expect(await names(JOHN)).toContain('team-b-only');
    const shell = (await terminal.as(JANE).get('/profiles')).body.items[0];
    expect(shell).toEqual({
      name: 'shell',
      title: 'Shell',
      vcluster: false,
      idleTimeoutSeconds: 900,
      maxLifetimeSeconds: 28800,
      recording: true,
    });
  });

  it('refuses bad requests with 400 and creates nothing', async () => {
    const jane = terminal.as(JANE);
    const before = { jobs: await jobNames(), rows: await sessionRows() };
    const cases: Array<[object | string, RegExp]> = [
      ['{"profile": ', /JSON|Unexpected/i],
      [{}, /profile: Required/],
      [{ profile: 'nope' }, /Unknown profile "nope"/],
      [{ profile: 'team-b-only' }, /not allowed for you/],
      [{ profile: 'stuck', vcluster: 'dev' }, /does not mount a vCluster/],
      [{ profile: 'vc' }, /needs a vcluster/],
      [{ profile: 'stuck', extra: 1 }, /Unrecognized key/],
      [{ profile: 'vc', vcluster: 'Not_DNS' }, /DNS-1123/],
    ];
    for (const [body, message] of cases) {
      const req = jane.post('/sessions');
      const res =
        typeof body === 'string'
          ? await req.set('Content-Type', 'application/json').send(body)
          : await req.send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    const huge = await jane
      .post('/sessions')
      .send({ profile: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect({ jobs: await jobNames(), rows: await sessionRows() }).toEqual(
      before,
    );
  });

  it('creates a Starting session with its Job and Secret, lets only the owner use it, and 409s a ticket until Ready', async () => {
    const jane = terminal.as(JANE);
    const res = await jane.post('/sessions').send({ profile: 'stuck' });
    expect(res.status).toBe(201);
    const session = res.body;
    expect(session).toMatchObject({
      owner: JANE,
      profile: 'stuck',
      state: 'Starting',
      warm: false,
      gatewayUrl: `${GATEWAY_URL}/sessions/${session.id}`,
    });
    expect(JSON.stringify(session)).not.toMatch(
      /hatchway:|credential|127\.1\./,
    );
    const job = await batch.readNamespacedJob({
      name: `term-${session.id}`,
      namespace: RUNNER_NAMESPACE,
    });
    expect(job.metadata!.labels).toMatchObject({
      'hatchway.dev/session': session.id,
      'hatchway.dev/profile': 'stuck',
      'app.kubernetes.io/managed-by': 'hatchway',
    });
    const secret = await core.readNamespacedSecret({
      name: `term-${session.id}-credential`,
      namespace: RUNNER_NAMESPACE,
    });
    expect(secret.metadata!.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Job', uid: job.metadata!.uid }),
    ]);
    expect(Buffer.from(secret.data!.credential, 'base64').toString()).toMatch(
      /^hatchway:[A-Za-z0-9_-]{43}$/,
    );

    const ticket = await jane.post(`/sessions/${session.id}/ticket`);
    expect(ticket.status).toBe(409);
    expect(ticket.body.error.message).toMatch(/Starting, not Ready/);

    const john = terminal.as(JOHN);
    expect((await john.get(`/sessions/${session.id}`)).status).toBe(403);
    expect((await john.post(`/sessions/${session.id}/ticket`)).status).toBe(
      403,
    );
    expect((await john.del(`/sessions/${session.id}`)).status).toBe(403);
    expect((await john.get(`/sessions/${session.id}/recording`)).status).toBe(
      403,
    );
    expect((await jane.get(`/sessions/${session.id}`)).body.id).toBe(
      session.id,
    );
    expect(
      (await jane.get('/sessions/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await jane.get('/sessions/not-a-uuid')).status).toBe(400);

    // Mine for users, everyone's for admins.
    const ids = async (user: string) =>
      (await terminal.as(user).get('/sessions')).body.items.map(
        (s: any) => s.id,
      );
    expect(await ids(JANE)).toContain(session.id);
    expect(await ids(JOHN)).not.toContain(session.id);
    expect(await ids(ADA)).toContain(session.id);

    // An admin may end it; the Job and Secret go.
    const ended = await terminal.as(ADA).del(`/sessions/${session.id}`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      state: 'Ended',
      reason: `ended by ${ADA}`,
    });
    expect(await jobNames()).not.toContain(`term-${session.id}`);
    await expect(
      core.readNamespacedSecret({
        name: `term-${session.id}-credential`,
        namespace: RUNNER_NAMESPACE,
      }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('serves a recording to its owner and admins in seq order, 404 when none', async () => {
    const jane = terminal.as(JANE);
    const { body: session } = await jane
      .post('/sessions')
      .send({ profile: 'stuck' });
    expect((await jane.get(`/sessions/${session.id}/recording`)).status).toBe(
      404,
    );
    await knex(SessionStoreTables.recordings).insert([
      {
        session_id: session.id,
        seq: 1,
        data: '[0.1,"o","$ "]\n',
        created_at: new Date(),
      },
      {
        session_id: session.id,
        seq: 0,
        data: '{"version":2,"width":80,"height":24}\n',
        created_at: new Date(),
      },
    ]);
    for (const user of [JANE, ADA]) {
      const res = await terminal
        .as(user)
        .get(`/sessions/${session.id}/recording`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-asciicast/);
      expect(res.text).toBe(
        '{"version":2,"width":80,"height":24}\n[0.1,"o","$ "]\n',
      );
    }
    await jane.del(`/sessions/${session.id}`);
  });

  it('caps live sessions per user (429) and in total (503 with Retry-After)', async () => {
    const create = (user: string) =>
      terminal.as(user).post('/sessions').send({ profile: 'stuck' });
    const janes = await Promise.all([create(JANE), create(JANE), create(JANE)]);
    expect(janes.map(r => r.status).sort()).toEqual([201, 201, 429]);
    const refused = janes.find(r => r.status === 429)!;
    expect(refused.body.error.message).toMatch(/already have 2 live sessions/);
    expect((await create(ADA)).status).toBe(201);
    expect((await create(ADA)).status).toBe(201);
    const full = await create(JOHN);
    expect(full.status).toBe(503);
    expect(full.headers['retry-after']).toBe('30');
    // Ending one frees a slot for someone else.
    const [first] = janes.filter(r => r.status === 201);
    await terminal.as(JANE).del(`/sessions/${first.body.id}`);
    const john = await create(JOHN);
    expect(john.status).toBe(201);
    const live = await knex(SessionStoreTables.sessions).whereNot(
      'state',
      'Ended',
    );
    expect(live).toHaveLength(4);
    for (const s of live) await terminal.as(ADA).del(`/sessions/${s.id}`);
  });
});

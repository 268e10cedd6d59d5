import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { BatchV1Api } from '@kubernetes/client-node';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Knex } from 'knex';
import { JANE, JOHN, startTerminal } from './__testUtils__/backend';
import { terminalConfig } from './__testUtils__/config';
import { createTestDatabases } from './__testUtils__/databases';
import {
  eventually,
  RUNNER_NAMESPACE,
  startRunnerCluster,
} from './__testUtils__/emulator';
import { connectToRunner } from './__testUtils__/ttydClient';

jest.setTimeout(180_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'terminal sessions end to end on %s',
  dbId => {
    let cluster: Awaited<ReturnType<typeof startRunnerCluster>>;
    let terminal: Awaited<ReturnType<typeof startTerminal>>;
    let knex: Knex;
    let batch: BatchV1Api;
    let config: object;

    beforeAll(async () => {
      knex = await databases.init(dbId);
    });

    // A cluster and backend of each test's own. The emulator's kubelet keeps state across pods:
    // once a pod is deleted before it was bound (an earlier test's runner torn down at the wrong
    // moment), its binding call gets a 404, which it takes for "no pods/binding here" and from
    // then on binds by patching spec.nodeName, which the API server refuses, so every later pod
    // stays Pending. That is a kube-emulator bug (reported); the tests must not depend on order.
    beforeEach(async () => {
      cluster = await startRunnerCluster();
      batch = cluster.kubeConfig.makeApiClient(BatchV1Api);
      config = terminalConfig(cluster.emulator);
      terminal = await startTerminal({ knex, config });
    });

    afterEach(async () => {
      await terminal?.backend.stop();
      await cluster?.emulator.close();
    });

    const row = (id: string) =>
      knex(SessionStoreTables.sessions).where({ id }).first();
    const getSession = async (id: string) =>
      (await terminal.as(JANE).get(`/sessions/${id}`)).body;
    const waitForState = (id: string, state: string) =>
      eventually(
        async () => {
          const s = await getSession(id);
          return s.state === state && s;
        },
        60_000,
        `session ${id} ${state}`,
      );
    const podsOf = async (id: string) =>
      (
        await cluster.core.listNamespacedPod({
          namespace: RUNNER_NAMESPACE,
          labelSelector: `hatchway.dev/session=${id}`,
        })
      ).items;

    it('runs a shell: Ready, ticket, echo, resize, reconnect, end', async () => {
      const jane = terminal.as(JANE);
      const created = await jane.post('/sessions').send({ profile: 'shell' });
      expect(created.status).toBe(201);
      expect(created.body.state).toBe('Starting');
      const { id } = created.body;

      const ready = await waitForState(id, 'Ready');
      expect(new Date(ready.readyAt).getTime()).toBeGreaterThanOrEqual(
        new Date(ready.createdAt).getTime(),
      );
      const stored = await row(id);
      const [pod] = await podsOf(id);
      expect(stored).toMatchObject({
        pod_name: pod.metadata!.name,
        pod_uid: pod.metadata!.uid,
        pod_ip: pod.status!.podIP,
      });

      // The ticket verifies against the published JWKS and names this session and pod.
      const ticket = await jane.post(`/sessions/${id}/ticket`);
      expect(ticket.status).toBe(200);
      expect(ticket.headers['cache-control']).toBe('no-store');
      const jwks = (
        await terminal.api.get('/api/terminal/.well-known/jwks.json')
      ).body;
      const { payload } = await jwtVerify(
        ticket.body.ticket,
        createLocalJWKSet(jwks),
        {
          issuer: 'hatchway-terminal',
          audience: 'hatchway-gateway',
          algorithms: ['RS256'],
        },
      );
      expect(payload).toMatchObject({
        sub: JANE,
        sid: id,
        puid: pod.metadata!.uid,
      });
      expect(payload.jti).toEqual(expect.any(String));
      expect(payload.exp! * 1000).toBe(
        new Date(ticket.body.expiresAt).getTime(),
      );
      expect(
        (await terminal.as(JOHN).post(`/sessions/${id}/ticket`)).status,
      ).toBe(403);

      // Connect to the runner pod as the gateway does, with the stored credential.
      const shell = await connectToRunner(
        stored.pod_ip,
        stored.ttyd_credential,
      );
      shell.type('echo hello-$((6*7))\r');
      await shell.waitFor(/hello-42/);
      shell.resize(132, 43);
      shell.type('stty size\r');
      // The runner's tmux has no status line: the shell gets exactly the size asked for.
      await shell.waitFor(/43 132/, 20_000);
      await shell.close();

      // tmux keeps the session: a new connection sees the earlier output.
      const again = await connectToRunner(
        stored.pod_ip,
        stored.ttyd_credential,
      );
      await again.waitFor(/hello-42/);
      await again.close();

      const ended = await jane.del(`/sessions/${id}`);
      expect(ended.body).toMatchObject({
        state: 'Ended',
        reason: `ended by ${JANE}`,
      });
      await eventually(
        async () => (await podsOf(id)).length === 0,
        30_000,
        'pod gone',
      );
      await expect(
        batch.readNamespacedJob({
          name: `term-${id}`,
          namespace: RUNNER_NAMESPACE,
        }),
      ).rejects.toMatchObject({ code: 404 });
      await expect(
        cluster.core.readNamespacedSecret({
          name: `term-${id}-credential`,
          namespace: RUNNER_NAMESPACE,
        }),
      ).rejects.toMatchObject({ code: 404 });
      expect((await jane.post(`/sessions/${id}/ticket`)).status).toBe(409);
    });

    it('ends a session whose runner pod is killed, with the reason', async () => {
      const { body } = await terminal
        .as(JANE)
        .post('/sessions')
        .send({ profile: 'shell' });
      await waitForState(body.id, 'Ready');
      const [pod] = await podsOf(body.id);
      await cluster.core.deleteNamespacedPod({
        name: pod.metadata!.name!,
        namespace: RUNNER_NAMESPACE,
        gracePeriodSeconds: 0,
      });
      const ended = await waitForState(body.id, 'Ended');
      expect(ended.reason).toMatch(/^runner pod (deleted|failed)/);
      await eventually(
        async () =>
          (
            await batch.listNamespacedJob({
              namespace: RUNNER_NAMESPACE,
              labelSelector: `hatchway.dev/session=${body.id}`,
            })
          ).items.length === 0,
        30_000,
        'job gone',
      );
    });

    it('loses no session across a backend restart, and notices pods that went away meanwhile', async () => {
      const jane = terminal.as(JANE);
      const kept = (await jane.post('/sessions').send({ profile: 'shell' }))
        .body;
      const lost = (await jane.post('/sessions').send({ profile: 'shell' }))
        .body;
      await waitForState(kept.id, 'Ready');
      await waitForState(lost.id, 'Ready');
      await terminal.backend.stop();

      const [pod] = await podsOf(lost.id);
      await cluster.core.deleteNamespacedPod({
        name: pod.metadata!.name!,
        namespace: RUNNER_NAMESPACE,
        gracePeriodSeconds: 0,
      });
      await eventually(
        async () =>
          (
            await podsOf(lost.id)
          ).every(p => p.metadata!.uid !== pod.metadata!.uid),
        30_000,
        'pod gone',
      );

      terminal = await startTerminal({ knex, config });
      const after = terminal.as(JANE);
      expect((await after.get(`/sessions/${kept.id}`)).body.state).toBe(
        'Ready',
      );
      expect((await after.post(`/sessions/${kept.id}/ticket`)).status).toBe(
        200,
      );
      const gone = await waitForState(lost.id, 'Ended');
      expect(gone.reason).toBe('runner pod deleted');

      const stored = await row(kept.id);
      const shell = await connectToRunner(
        stored.pod_ip,
        stored.ttyd_credential,
      );
      shell.type('echo still-here\r');
      await shell.waitFor(/still-here/);
      await shell.close();
      await after.del(`/sessions/${kept.id}`);
    });
  },
);

import { SessionStoreTables } from '@hatchway/plugin-terminal-common';
import { BatchV1Api } from '@kubernetes/client-node';
import { Knex } from 'knex';
import { ADA, startTerminal } from './__testUtils__/backend';
import { terminalConfig } from './__testUtils__/config';
import { createTestDatabases } from './__testUtils__/databases';
import {
  eventually,
  RUNNER_NAMESPACE,
  startRunnerCluster,
} from './__testUtils__/emulator';
import { isPodReady } from './kubernetes/podStatus';

jest.setTimeout(180_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('warm pool on %s', dbId => {
  let cluster: Awaited<ReturnType<typeof startRunnerCluster>>;
  let terminal: Awaited<ReturnType<typeof startTerminal>>;
  let knex: Knex;

  beforeAll(async () => {
    cluster = await startRunnerCluster();
    knex = await databases.init(dbId);
    terminal = await startTerminal({
      knex,
      config: terminalConfig(cluster.emulator, { warmPool: 5 }),
    });
  });

  afterAll(async () => {
    await terminal?.backend.stop();
    await cluster?.emulator.close();
  });

  const batch = () => cluster.kubeConfig.makeApiClient(BatchV1Api);
  const readyWarmPods = async () =>
    (
      await cluster.core.listNamespacedPod({
        namespace: RUNNER_NAMESPACE,
        labelSelector: 'hatchway.dev/pool=warm,hatchway.dev/profile=pooled',
      })
    ).items.filter(isPodReady);

  it('gives 20 concurrent creates 5 warm runners and 15 cold ones, never one pod twice, then refills', async () => {
    await eventually(
      async () => (await readyWarmPods()).length === 5,
      60_000,
      '5 warm pods',
    );
    const warmUids = new Set((await readyWarmPods()).map(p => p.metadata!.uid));

    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        terminal
          .as(`user:default/u${i}`)
          .post('/sessions')
          .send({ profile: 'pooled' }),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(20).fill(201));
    const warm = responses.filter(r => r.body.warm);
    // The 5 pooled runners go first; the pool refills as soon as a claim is recorded, so a
    // refilled runner that turns Ready within the burst may serve a later create as well.
    expect(warm.length).toBeGreaterThanOrEqual(5);
    // A warm session is Ready at once.
    expect(warm.map(r => r.body.state)).toEqual(
      Array(warm.length).fill('Ready'),
    );
    expect(Date.now() - started).toBeLessThan(60_000);

    const ids = responses.map(r => r.body.id);
    // Every session settles: Ready, or ended with the runner's failure as its reason (the
    // stand-in listener process sometimes exits under load; the session must say so).
    const rows = await eventually(
      async () => {
        const all = await knex(SessionStoreTables.sessions).whereIn('id', ids);
        return all.every(r => r.state !== 'Starting') && all;
      },
      150_000,
      'every session settled',
    );
    for (const r of rows.filter(row => row.state !== 'Ready')) {
      expect(r.reason).toMatch(/^runner pod failed/);
    }
    expect(rows.filter(r => r.state === 'Ready').length).toBeGreaterThanOrEqual(
      15,
    );
    const podUids = rows.map(r => r.pod_uid);
    expect(new Set(podUids).size).toBe(20);
    const claimed = rows.filter(r => Boolean(r.warm)).map(r => r.pod_uid);
    expect(claimed).toEqual(expect.arrayContaining([...warmUids]));
    expect(claimed).toHaveLength(warm.length);
    // Each warm session adopted its own pod's credential.
    expect(new Set(rows.map(r => r.ttyd_credential)).size).toBe(20);

    // The pool refills with new pods.
    await eventually(
      async () => {
        const pods = await readyWarmPods();
        return (
          pods.length === 5 && pods.every(p => !warmUids.has(p.metadata!.uid))
        );
      },
      90_000,
      'pool refilled',
    );

    for (const id of ids) await terminal.as(ADA).del(`/sessions/${id}`);
  });

  it('discards warm runners it cannot adopt, starts cold, and the discarded pods never touch the session', async () => {
    await eventually(
      async () => (await readyWarmPods()).length === 5,
      90_000,
      '5 warm pods',
    );
    const broken = (
      await batch().listNamespacedJob({
        namespace: RUNNER_NAMESPACE,
        labelSelector: 'hatchway.dev/pool=warm,hatchway.dev/profile=pooled',
      })
    ).items.map(job => job.metadata!.name!);
    expect(broken).toHaveLength(5);
    // A warm runner whose credential Secret is gone cannot be adopted.
    for (const job of broken) {
      await cluster.core.deleteNamespacedSecret({
        name: `${job}-credential`,
        namespace: RUNNER_NAMESPACE,
      });
    }

    const res = await terminal
      .as('user:default/unlucky')
      .post('/sessions')
      .send({ profile: 'pooled' });
    expect(res.status).toBe(201);
    expect(res.body.warm).toBe(false);

    const ready = await eventually(
      async () => {
        const row = await terminal
          .as('user:default/unlucky')
          .get(`/sessions/${res.body.id}`);
        return row.body.state !== 'Starting' && row.body;
      },
      90_000,
      'session settled',
    );
    expect(ready.state).toBe('Ready');
    // Every broken runner was deleted rather than left labelled for a session nobody runs.
    await eventually(
      async () => {
        const jobs = (
          await batch().listNamespacedJob({ namespace: RUNNER_NAMESPACE })
        ).items.map(job => job.metadata!.name!);
        return broken.every(name => !jobs.includes(name));
      },
      60_000,
      'broken warm runners deleted',
    );
    // Their pods going away did not end the session, which runs on its own Job.
    const after = await terminal
      .as('user:default/unlucky')
      .get(`/sessions/${res.body.id}`);
    expect(after.body.state).toBe('Ready');
    const [row] = await knex(SessionStoreTables.sessions).where({
      id: res.body.id,
    });
    expect(row.pod_name).toMatch(new RegExp(`^term-${res.body.id}`));
    await terminal.as('user:default/unlucky').del(`/sessions/${res.body.id}`);
  });
});

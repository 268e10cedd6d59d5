import { RunningEmulator } from '@hatchway/kube-emulator';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createTestDatabases } from './__testUtils__/databases';
import {
  adminKubeConfig,
  eventually,
  startHostEmulator,
} from './__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from './__testUtils__/backend';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';

/** Faults on the host cluster: the vCluster converges to Ready or a clean Failed, never an orphan. */
describe('vCluster reconciler under faults', () => {
  const databases = createTestDatabases();
  let emulator: RunningEmulator;
  let host: KubeConfig;

  beforeAll(async () => {
    emulator = await startHostEmulator();
    host = adminKubeConfig(emulator);
  });
  afterEach(() => emulator.server.faults.clear());
  afterAll(() => emulator.close());

  const namespaceExists = async (name: string) =>
    host
      .makeApiClient(CoreV1Api)
      .readNamespace({ name: `vcluster-${name}` })
      .then(
        () => true,
        () => false,
      );

  const phaseOf = async (as: any, name: string, phase: string) =>
    eventually(async () => {
      const res = await as(JANE).get(`/clusters/${name}`);
      if (res.body.phase === phase) return res.body;
      throw new Error(JSON.stringify(res.body));
    }, phase);

  it.each(databases.eachSupportedId())(
    'retries 5xx on apply and a dropped watch, and resumes after a restart, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = hostClusterConfig(emulator.server.url);
      const tag = databaseId.toLowerCase().replace(/_/g, '');

      // Two 500s on applying the StatefulSet (server-side apply is a PATCH): the provisioner
      // rolls the new namespace back, and the reconciler applies again.
      emulator.server.faults.add({
        verb: 'patch',
        resource: 'statefulsets',
        status: 500,
        times: 2,
      });
      // Every StatefulSet watch is cut after one event.
      emulator.server.faults.add({
        verb: 'watch',
        resource: 'statefulsets',
        cutWatchAfterEvents: 1,
      });
      let started = await startVClusterBackend({ knex, config });
      const { as } = started;
      expect(
        (
          await as(JANE).post('/clusters', {
            name: `f5xx-${tag}`,
            size: 'small',
          })
        ).status,
      ).toBe(202);
      await phaseOf(as, `f5xx-${tag}`, 'Ready');

      // A restart mid-Provisioning: the next backend picks the vCluster up from the database.
      expect(
        (
          await as(JANE).post('/clusters', {
            name: `frs-${tag}`,
            size: 'small',
          })
        ).status,
      ).toBe(202);
      await started.backend.stop();
      started = await startVClusterBackend({ knex, config });
      try {
        const ready = await phaseOf(started.as, `frs-${tag}`, 'Ready');
        expect(ready.reason).toBeUndefined();
        expect(await namespaceExists(`frs-${tag}`)).toBe(true);
      } finally {
        await started.backend.stop();
      }
    },
  );

  it('reaches Ready from watches with an hour-long resync, re-checking a lagging kubeconfig Secret', async () => {
    const knex = await databases.init('SQLITE_3');
    // The syncer's first writes of vc-<name> fail, so the control plane can be ready before
    // its Secret exists; Secrets are not watched, so only the reconciler's re-check sees it.
    const lag = emulator.server.faults.add({
      verb: 'create',
      resource: 'secrets',
      namespace: 'vcluster-flag',
      status: 500,
      times: 3,
    });
    const { backend, as } = await startVClusterBackend({
      knex,
      config: hostClusterConfig(emulator.server.url, {
        reconcile: { resyncSeconds: 3600, leaseSeconds: 10 },
      }),
    });
    try {
      const start = Date.now();
      expect(
        (await as(JANE).post('/clusters', { name: 'flag', size: 'small' }))
          .status,
      ).toBe(202);
      await phaseOf(as, 'flag', 'Ready');
      expect(Date.now() - start).toBeLessThan(15_000);
      // All three failures were served (a used-up rule leaves the list).
      expect(
        emulator.server.faults.list().find(f => f.id === lag.id)?.hits ?? 3,
      ).toBe(3);
    } finally {
      await backend.stop();
    }
  });

  it('fails cleanly after the provisioning timeout, leaving no namespace behind', async () => {
    const knex = await databases.init('SQLITE_3');
    // DirectProvisioner server-side applies: a PATCH, which it rolls back by deleting the
    // namespace it created, so every retry starts from nothing until the timeout.
    emulator.server.faults.add({
      verb: 'patch',
      resource: 'statefulsets',
      status: 503,
    });
    const { backend, as } = await startVClusterBackend({
      knex,
      config: hostClusterConfig(emulator.server.url, {
        reconcile: {
          resyncSeconds: 1,
          provisionTimeoutSeconds: 2,
          leaseSeconds: 10,
        },
      }),
    });
    try {
      expect(
        (await as(JANE).post('/clusters', { name: 'ftimeout', size: 'small' }))
          .status,
      ).toBe(202);
      const failed = await phaseOf(as, 'ftimeout', 'Failed');
      // The reason names the last attempt's error: the injected 503, or — when that attempt met
      // the namespace its previous rollback was still deleting (a busy machine) — a 404 for it.
      expect(failed.reason).toMatch(
        /^Not Ready after 2s: retrying: HTTP (503|404\b[\s\S]*namespaces[\s\S]*vcluster-ftimeout[\s\S]*not found)/,
      );
      await eventually(
        async () => ((await namespaceExists('ftimeout')) ? undefined : true),
        'namespace removed',
      );

      // The owner deletes the failed vCluster; its quota slot is free again.
      expect((await as(JANE).del('/clusters/ftimeout')).status).toBe(202);
      await eventually(
        async () =>
          (await as(JANE).get('/clusters/ftimeout')).status === 404
            ? true
            : undefined,
        'row removed',
      );
    } finally {
      await backend.stop();
    }
  });
});

import { actionContext } from '../__testUtils__/actionContext';
import { useVClusterBackend } from '../__testUtils__/setup';
import { createVClusterWaitAction } from './waitForVClusterAction';

jest.setTimeout(60_000);

const poll = { pollIntervalSeconds: 0.1, timeoutSeconds: 30 };

describe('vcluster:wait', () => {
  const backend = useVClusterBackend();
  const action = () =>
    createVClusterWaitAction({ clientFor: backend.clientFor });
  const create = async (name: string) =>
    (await backend.clientFor(actionContext({}))).create({
      name,
      size: 'small',
    });

  it('polls until the vCluster is Ready', async () => {
    await create('w-demo');
    const ctx = actionContext({ name: 'w-demo', ...poll });
    await action().handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('phase', 'Ready');
    const { body } = await backend
      .as('user:default/jane')
      .get('/clusters/w-demo');
    expect(body.phase).toBe('Ready');
    expect(ctx.output).toHaveBeenCalledWith('readyAt', body.readyAt);
  });

  it('fails with the last phase when it is not Ready in time', async () => {
    await create('w-slow');
    await expect(
      action().handler(
        actionContext({
          name: 'w-slow',
          pollIntervalSeconds: 0.05,
          timeoutSeconds: 0.1,
        }),
      ),
    ).rejects.toThrow(
      /^vCluster w-slow was not Ready after 0 s \(still Provisioning/,
    );
  });

  it('fails when the vCluster does not exist', async () => {
    await expect(
      action().handler(actionContext({ name: 'w-ghost', ...poll })),
    ).rejects.toThrow('vCluster w-ghost does not exist (or was deleted)');
  });

  it('waits for nothing in a dry run (the vCluster was never created)', async () => {
    const ctx = actionContext({ name: 'w-never', ...poll }, { isDryRun: true });
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('phase', 'Ready');
  });
});

describe('vcluster:wait on a vCluster that fails', () => {
  const backend = useVClusterBackend({
    reconcile: { resyncSeconds: 1, provisionTimeoutSeconds: 2 },
  });

  it('fails with the reason the backend gives', async () => {
    // Every apply of the StatefulSet fails: the vCluster never gets Ready and times out.
    const fault = backend.emulator.server.faults.add({
      verb: 'patch',
      resource: 'statefulsets',
      status: 503,
    });
    try {
      await (
        await backend.clientFor(actionContext({}))
      ).create({
        name: 'w-fail',
        size: 'small',
      });
      await expect(
        createVClusterWaitAction({ clientFor: backend.clientFor }).handler(
          actionContext({ name: 'w-fail', ...poll }),
        ),
      ).rejects.toThrow(
        /^vCluster w-fail is Failed: Not Ready after 2s: retrying: HTTP \d{3}/,
      );
    } finally {
      backend.emulator.server.faults.remove(fault.id);
    }
  });
});

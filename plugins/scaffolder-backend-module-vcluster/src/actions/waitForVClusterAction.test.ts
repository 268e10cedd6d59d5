import { actionContext } from '../__testUtils__/actionContext';
import { useFakeBackend } from '../__testUtils__/setup';
import { createVClusterWaitAction } from './waitForVClusterAction';

describe('vcluster:wait', () => {
  const fake = useFakeBackend();
  const action = () => createVClusterWaitAction({ clientFor: fake.clientFor });
  const fast = { pollIntervalSeconds: 0.01, timeoutSeconds: 5 };

  async function created(name: string) {
    const client = await fake.clientFor(actionContext({}));
    await client.create({ name, size: 'small' });
  }

  it('polls until the vCluster is Ready', async () => {
    await created('demo');
    fake.backend.scriptedPhases.set('demo', [
      { phase: 'Provisioning' },
      { phase: 'Provisioning', reason: 'waiting for the control plane' },
      { phase: 'Ready' },
    ]);
    const ctx = actionContext({ name: 'demo', ...fast });
    await action().handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('phase', 'Ready');
    const gets = fake.backend.requests.filter(r => r.path === '/clusters/demo');
    expect(gets).toHaveLength(3);
  });

  it('fails with the reason when provisioning fails', async () => {
    await created('demo');
    fake.backend.scriptedPhases.set('demo', [
      { phase: 'Provisioning' },
      { phase: 'Failed', reason: 'image pull back-off for syncer' },
    ]);
    await expect(
      action().handler(actionContext({ name: 'demo', ...fast })),
    ).rejects.toThrow(
      'vCluster demo is Failed: image pull back-off for syncer',
    );
  });

  it('fails with the last phase when it is not Ready in time', async () => {
    await created('slow');
    fake.backend.scriptedPhases.set('slow', [
      { phase: 'Provisioning', reason: 'waiting for the control plane' },
    ]);
    await expect(
      action().handler(
        actionContext({
          name: 'slow',
          pollIntervalSeconds: 0.05,
          timeoutSeconds: 0.2,
        }),
      ),
    ).rejects.toThrow(
      'vCluster slow was not Ready after 0 s (still Provisioning: waiting for the control plane)',
    );
  });

  it('fails when the vCluster does not exist', async () => {
    await expect(
      action().handler(actionContext({ name: 'ghost', ...fast })),
    ).rejects.toThrow('vCluster ghost does not exist');
  });

  it('sends no request in a dry run', async () => {
    const ctx = actionContext({ name: 'demo', ...fast }, { isDryRun: true });
    await action().handler(ctx);
    expect(fake.backend.requests).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('phase', 'Ready');
  });
});

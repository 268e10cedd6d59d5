import {
  CheckpointStore,
  actionContext,
  onBehalfOfHeader,
} from '../__testUtils__/actionContext';
import { useFakeBackend } from '../__testUtils__/setup';
import { createVClusterDeleteAction } from './deleteVClusterAction';

describe('vcluster:delete', () => {
  const fake = useFakeBackend();
  const action = () =>
    createVClusterDeleteAction({ clientFor: fake.clientFor });

  async function created(name: string) {
    const client = await fake.clientFor(actionContext({}));
    await client.create({ name, size: 'small' });
    fake.backend.requests.length = 0;
  }

  it('deletes the vCluster as the user running the template', async () => {
    await created('demo');
    const ctx = actionContext({ name: 'demo' });
    await action().handler(ctx);

    expect(fake.backend.mutations()).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        path: '/clusters/demo',
        authorization: onBehalfOfHeader('user:default/jane'),
      }),
    ]);
    expect(fake.backend.clusters.get('demo')?.phase).toBe('Deleting');
    expect(ctx.output).toHaveBeenCalledWith('deleted', true);
  });

  it('counts a vCluster that is already gone as deleted', async () => {
    const ctx = actionContext({ name: 'gone' });
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('deleted', false);
  });

  it('sends the delete once when a retried task replays the step', async () => {
    await created('demo');
    const checkpoints = new CheckpointStore();
    await action().handler(actionContext({ name: 'demo' }, { checkpoints }));
    await action().handler(actionContext({ name: 'demo' }, { checkpoints }));
    expect(fake.backend.mutations()).toHaveLength(1);
  });

  it('deletes nothing in a dry run', async () => {
    await created('demo');
    const ctx = actionContext({ name: 'demo' }, { isDryRun: true });
    await action().handler(ctx);
    expect(fake.backend.mutations()).toEqual([]);
    expect(fake.backend.clusters.get('demo')?.phase).toBe('Provisioning');
  });
});

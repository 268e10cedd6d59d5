import { CheckpointStore, actionContext } from '../__testUtils__/actionContext';
import { auditOf, useVClusterBackend } from '../__testUtils__/setup';
import { createVClusterDeleteAction } from './deleteVClusterAction';

jest.setTimeout(60_000);

const JANE = 'user:default/jane';

describe('vcluster:delete', () => {
  const backend = useVClusterBackend();
  const action = () =>
    createVClusterDeleteAction({ clientFor: backend.clientFor });
  const create = async (name: string) =>
    (await backend.clientFor(actionContext({}))).create({
      name,
      size: 'small',
    });
  const phase = async (name: string) => {
    const res = await backend.as(JANE).get(`/clusters/${name}`);
    return res.status === 404 ? 'gone' : res.body.phase;
  };

  it('deletes the vCluster as the user running the template', async () => {
    await create('d-demo');
    const ctx = actionContext({ name: 'd-demo' });
    await action().handler(ctx);

    expect(['Deleting', 'gone']).toContain(await phase('d-demo'));
    expect(await auditOf(backend, 'd-demo')).toEqual([
      `create ${JANE}`,
      `delete ${JANE}`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith('deleted', true);
  });

  it("refuses another user's vCluster with the backend's reason", async () => {
    await create('d-janes');
    await expect(
      action().handler(
        actionContext({ name: 'd-janes' }, { userRef: 'user:default/bob' }),
      ),
    ).rejects.toThrow(/HTTP 403/);
    expect(await phase('d-janes')).not.toBe('Deleting');
  });

  it('counts a vCluster that is already gone as deleted', async () => {
    const ctx = actionContext({ name: 'd-gone' });
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('deleted', false);
  });

  it('sends the delete once when a retried task replays the step', async () => {
    await create('d-retry');
    const checkpoints = new CheckpointStore();
    await action().handler(actionContext({ name: 'd-retry' }, { checkpoints }));
    await action().handler(actionContext({ name: 'd-retry' }, { checkpoints }));
    expect(await auditOf(backend, 'd-retry')).toEqual([
      `create ${JANE}`,
      `delete ${JANE}`,
    ]);
  });

  it('deletes nothing in a dry run', async () => {
    await create('d-dry');
    const ctx = actionContext({ name: 'd-dry' }, { isDryRun: true });
    await action().handler(ctx);
    expect(['Provisioning', 'Ready']).toContain(await phase('d-dry'));
    expect(await auditOf(backend, 'd-dry')).toEqual([`create ${JANE}`]);
  });
});

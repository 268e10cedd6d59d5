import {
  CheckpointStore,
  actionContext,
  onBehalfOfHeader,
} from '../__testUtils__/actionContext';
import { useFakeBackend } from '../__testUtils__/setup';
import { createVClusterCreateAction } from './createVClusterAction';

describe('vcluster:create', () => {
  const fake = useFakeBackend();
  const action = () => createVClusterCreateAction(fake);

  it('creates the vCluster as the user running the template, owned by them', async () => {
    const ctx = actionContext({ name: 'demo', size: 'small', ttlHours: 4 });
    await action().handler(ctx);

    const [post] = fake.backend.mutations();
    expect(post).toMatchObject({
      method: 'POST',
      path: '/clusters',
      body: {
        name: 'demo',
        size: 'small',
        ttlHours: 4,
        owner: 'user:default/jane',
      },
      authorization: onBehalfOfHeader('user:default/jane'),
    });
    expect(ctx.output).toHaveBeenCalledWith('name', 'demo');
    expect(ctx.output).toHaveBeenCalledWith('namespace', 'vcluster-demo');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/vcluster-demo',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'kubeconfigUrl',
      'https://portal.example.com/api/vcluster/clusters/demo/kubeconfig',
    );
  });

  it('lets the template choose a group as the owner', async () => {
    await action().handler(
      actionContext({
        name: 'team',
        size: 'medium',
        owner: 'group:default/team-a',
      }),
    );
    expect(fake.backend.mutations()[0].body).toMatchObject({
      owner: 'group:default/team-a',
      size: 'medium',
    });
  });

  it('rejects an invalid name before calling the backend', async () => {
    await expect(
      action().handler(actionContext({ name: 'Not_A_Name', size: 'small' })),
    ).rejects.toThrow(/lower-case letters/);
    expect(fake.backend.requests).toHaveLength(0);
  });

  it("fails with the backend's reason when a quota is exceeded", async () => {
    await expect(
      action().handler(actionContext({ name: 'big', size: 'large' })),
    ).rejects.toThrow('Quota "clusters per user" of 2 exceeded (HTTP 429)');
  });

  it('fails with the conflict when the name is taken', async () => {
    await action().handler(actionContext({ name: 'demo', size: 'small' }));
    await expect(
      action().handler(actionContext({ name: 'demo', size: 'small' })),
    ).rejects.toThrow('vCluster demo already exists (HTTP 409)');
  });

  it('creates nothing twice when a retried task replays the step', async () => {
    const checkpoints = new CheckpointStore();
    await action().handler(
      actionContext({ name: 'demo', size: 'small' }, { checkpoints }),
    );
    const retry = actionContext(
      { name: 'demo', size: 'small' },
      { checkpoints },
    );
    await action().handler(retry);

    expect(fake.backend.mutations()).toHaveLength(1);
    expect(retry.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/vcluster-demo',
    );
  });

  describe('dry run', () => {
    it('outputs what it would create and changes nothing', async () => {
      const ctx = actionContext(
        { name: 'demo', size: 'small', ttlHours: 72 },
        { isDryRun: true },
      );
      await action().handler(ctx);

      expect(fake.backend.mutations()).toEqual([]);
      expect(fake.backend.clusters.size).toBe(0);
      expect(ctx.output).toHaveBeenCalledWith('namespace', 'vcluster-demo');
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'resource:default/vcluster-demo',
      );
    });

    it("still refuses an unknown size or a TTL above the size's maximum", async () => {
      await expect(
        action().handler(
          actionContext({ name: 'demo', size: 'huge' }, { isDryRun: true }),
        ),
      ).rejects.toThrow('Unknown size huge; choose one of small, medium');
      await expect(
        action().handler(
          actionContext(
            { name: 'demo', size: 'medium', ttlHours: 48 },
            { isDryRun: true },
          ),
        ),
      ).rejects.toThrow(
        'A medium vCluster lives at most 24 hours (asked for 48)',
      );
      expect(fake.backend.mutations()).toEqual([]);
    });
  });
});

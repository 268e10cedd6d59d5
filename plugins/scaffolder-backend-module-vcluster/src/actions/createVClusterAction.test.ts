import { CheckpointStore, actionContext } from '../__testUtils__/actionContext';
import {
  auditOf,
  PORTAL_API,
  useVClusterBackend,
} from '../__testUtils__/setup';
import { createVClusterCreateAction } from './createVClusterAction';

jest.setTimeout(60_000);

const JANE = 'user:default/jane';

describe('vcluster:create', () => {
  const backend = useVClusterBackend({ quotas: { perUser: 2 } });
  const action = () => createVClusterCreateAction(backend);
  const get = (name: string) => backend.as(JANE).get(`/clusters/${name}`);

  it('creates the vCluster as the user running the template, owned by them', async () => {
    const ctx = actionContext({ name: 'c-demo', size: 'small', ttlHours: 4 });
    await action().handler(ctx);

    const created = (await get('c-demo')).body;
    expect(created).toMatchObject({ owner: JANE, size: 'small' });
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(
      4 * 3_600_000,
    );
    expect(await auditOf(backend, 'c-demo')).toEqual([`create ${JANE}`]);
    expect(ctx.output).toHaveBeenCalledWith('name', 'c-demo');
    expect(ctx.output).toHaveBeenCalledWith('namespace', 'vcluster-c-demo');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/vcluster-c-demo',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'kubeconfigUrl',
      `${PORTAL_API}/vcluster/clusters/c-demo/kubeconfig`,
    );
  });

  it('lets the template choose a group of the user as the owner', async () => {
    await action().handler(
      actionContext({
        name: 'c-team',
        size: 'medium',
        owner: 'group:default/team-a',
      }),
    );
    expect((await get('c-team')).body).toMatchObject({
      owner: 'group:default/team-a',
      size: 'medium',
    });
  });

  it("fails with the backend's refusal for a group the user is not in", async () => {
    await expect(
      action().handler(
        actionContext({
          name: 'c-other',
          size: 'small',
          owner: 'group:default/team-b',
        }),
      ),
    ).rejects.toThrow(
      'You may create vClusters only for yourself or your groups, not for group:default/team-b (HTTP 403)',
    );
    expect((await get('c-other')).status).toBe(404);
  });

  it('rejects an invalid name, creating nothing', async () => {
    await expect(
      action().handler(actionContext({ name: 'Not_A_Name', size: 'small' })),
    ).rejects.toThrow(/lower-case letters/);
    expect((await backend.as(JANE).get('/clusters')).body.totalCount).toBe(0);
  });

  it("fails with the backend's reason when a quota is exceeded", async () => {
    await action().handler(actionContext({ name: 'c-q1', size: 'small' }));
    await action().handler(actionContext({ name: 'c-q2', size: 'small' }));
    await expect(
      action().handler(actionContext({ name: 'c-q3', size: 'small' })),
    ).rejects.toThrow(
      `Could not create vCluster c-q3: ${JANE} has 2 vClusters; quota perUser allows 2 (HTTP 429)`,
    );
  });

  it('fails with the conflict when the name is taken', async () => {
    await action().handler(actionContext({ name: 'c-taken', size: 'small' }));
    await expect(
      action().handler(actionContext({ name: 'c-taken', size: 'small' })),
    ).rejects.toThrow("A vCluster named 'c-taken' exists (HTTP 409)");
  });

  it('creates nothing twice when a retried task replays the step', async () => {
    const checkpoints = new CheckpointStore();
    await action().handler(
      actionContext({ name: 'c-retry', size: 'small' }, { checkpoints }),
    );
    const retry = actionContext(
      { name: 'c-retry', size: 'small' },
      { checkpoints },
    );
    await action().handler(retry);

    expect(await auditOf(backend, 'c-retry')).toEqual([`create ${JANE}`]);
    expect(retry.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/vcluster-c-retry',
    );
  });

  describe('dry run', () => {
    it('outputs what it would create and changes nothing', async () => {
      const ctx = actionContext(
        { name: 'c-dry', size: 'small', ttlHours: 72 },
        { isDryRun: true },
      );
      await action().handler(ctx);

      expect((await get('c-dry')).status).toBe(404);
      expect(await auditOf(backend, 'c-dry')).toEqual([]);
      expect(ctx.output).toHaveBeenCalledWith('namespace', 'vcluster-c-dry');
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'resource:default/vcluster-c-dry',
      );
    });

    it("still refuses an unknown size or a TTL above the size's maximum", async () => {
      await expect(
        action().handler(
          actionContext({ name: 'c-dry', size: 'huge' }, { isDryRun: true }),
        ),
      ).rejects.toThrow(
        'Unknown size huge; choose one of small, medium, large',
      );
      await expect(
        action().handler(
          actionContext(
            { name: 'c-dry', size: 'small', ttlHours: 73 },
            { isDryRun: true },
          ),
        ),
      ).rejects.toThrow(
        'A small vCluster lives at most 72 hours (asked for 73)',
      );
      expect((await get('c-dry')).status).toBe(404);
    });
  });
});

import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { RunningEmulator } from '@hatchway/kube-emulator';
import { CoreV1Api } from '@kubernetes/client-node';
// The vCluster backend's own test harness (its devDependencies, this monorepo only), so the
// actions run against the real backend rather than a stand-in; it is not part of its API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports
import {
  adminKubeConfig,
  eventually,
  hostClusterConfig,
  startHostEmulator,
  startVClusterBackend,
} from '@hatchway/plugin-vcluster-backend/src/__testUtils__';
import { actionContext, CheckpointStore } from './__testUtils__/actionContext';
import scaffolderModuleVCluster from './index';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';

/**
 * The three actions as a template runs them, against the real vCluster backend (same test
 * backend, so discovery and service-to-service auth are the real ones) provisioning on the
 * emulator with its vCluster controller.
 */
describe('the scaffolder module in a template run against the real vCluster backend', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startHostEmulator();
  });
  afterAll(() => emulator.close());

  it('creates, waits until Ready, and deletes the vCluster as the user running the template', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const { backend, as } = await startVClusterBackend({
      config: hostClusterConfig(emulator.server.url),
      extraFeatures: [scaffolderModuleVCluster],
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction<any, any, any>[]) =>
              actions.push(...added),
          },
        ],
      ],
    });
    const action = (id: string) => actions.find(a => a.id === id)!;
    const namespaces = async () =>
      (
        await adminKubeConfig(emulator).makeApiClient(CoreV1Api).listNamespace()
      ).items.map(n => n.metadata?.name);
    try {
      // The module adds its three actions, each able to dry-run, wired to the discovered backend.
      expect(actions.map(a => a.id).sort()).toEqual([
        'vcluster:create',
        'vcluster:delete',
        'vcluster:wait',
      ]);
      expect(actions.every(a => a.supportsDryRun)).toBe(true);

      // A dry run changes nothing, on the backend or the host cluster.
      const dry = actionContext(
        { name: 'journey', size: 'small' },
        { isDryRun: true },
      );
      await action('vcluster:create').handler(dry);
      expect((await as(JANE).get('/clusters/journey')).status).toBe(404);

      const checkpoints = new CheckpointStore();
      const create = actionContext(
        { name: 'journey', size: 'small', ttlHours: 4 },
        { checkpoints },
      );
      await action('vcluster:create').handler(create);
      expect(create.output).toHaveBeenCalledWith(
        'entityRef',
        'resource:default/vcluster-journey',
      );
      // A retried task replays the step: still one vCluster, and no 409.
      await action('vcluster:create').handler(
        actionContext(
          { name: 'journey', size: 'small', ttlHours: 4 },
          { checkpoints },
        ),
      );
      const created = (await as(JANE).get('/clusters/journey')).body;
      expect(created).toMatchObject({ owner: JANE, size: 'small' });
      const audit = (
        await as('user:default/root').get('/audit?cluster=journey&limit=10')
      ).body.items;
      expect(
        audit.map((e: { action: string; actor: string }) => [
          e.action,
          e.actor,
        ]),
      ).toEqual([['create', JANE]]);

      const wait = actionContext({
        name: 'journey',
        pollIntervalSeconds: 0.2,
        timeoutSeconds: 60,
      });
      await action('vcluster:wait').handler(wait);
      expect(wait.output).toHaveBeenCalledWith('phase', 'Ready');
      expect(await namespaces()).toContain('vcluster-journey');

      // Another user's template cannot delete Jane's vCluster.
      await expect(
        action('vcluster:delete').handler(
          actionContext({ name: 'journey' }, { userRef: 'user:default/bob' }),
        ),
      ).rejects.toThrow(/HTTP 403/);

      const del = actionContext({ name: 'journey' });
      await action('vcluster:delete').handler(del);
      expect(del.output).toHaveBeenCalledWith('deleted', true);
      await eventually(
        async () =>
          (await as(JANE).get('/clusters/journey')).status === 404 &&
          !(await namespaces()).includes('vcluster-journey'),
        'the vCluster and its namespace gone',
      );
      const again = actionContext({ name: 'journey' });
      await action('vcluster:delete').handler(again);
      expect(again.output).toHaveBeenCalledWith('deleted', false);
    } finally {
      await backend.stop();
    }
  });
});

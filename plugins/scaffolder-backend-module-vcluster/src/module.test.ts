import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { FakeVClusterBackend } from './__testUtils__/FakeVClusterBackend';
import scaffolderModuleVCluster from './index';

describe('the scaffolder module', () => {
  const backend = new FakeVClusterBackend();
  beforeEach(() => backend.start());
  afterEach(() => backend.stop());

  it('adds the three vCluster actions, wired to the discovered vCluster backend', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...a) => actions.push(...a) },
        ],
      ],
      features: [
        scaffolderModuleVCluster,
        // Discovery answers the fake's URL for `vcluster`, as the real one answers the backend's.
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => backend.discovery(),
        }),
      ],
    });

    expect(actions.map(a => a.id).sort()).toEqual([
      'vcluster:create',
      'vcluster:delete',
      'vcluster:wait',
    ]);
    expect(actions.every(a => a.supportsDryRun)).toBe(true);

    const create = actions.find(a => a.id === 'vcluster:create')!;
    await create.handler(
      createMockActionContext({
        input: { name: 'wired', size: 'small' },
        user: { ref: 'user:default/jane' },
      }),
    );
    expect(backend.clusters.get('wired')?.owner).toBe('user:default/jane');
  });
});

import { FieldFormatEntityPolicy } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { RunningEmulator } from '@hatchway/kube-emulator';
import { VClusterClient } from '@hatchway/plugin-vcluster-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { eventually, startHostEmulator } from '../__testUtils__/emulator';
import {
  hostClusterConfig,
  startVClusterBackend,
} from '../__testUtils__/backend';
import { VClusterEntityProvider } from './VClusterEntityProvider';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';

describe('VClusterEntityProvider', () => {
  const databases = createTestDatabases();
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startHostEmulator();
  });
  afterAll(() => emulator.close());

  it('emits each vCluster as a Resource over the real API, and a full mutation without it once deleted', async () => {
    const knex = await databases.init('SQLITE_3');
    const { backend, as } = await startVClusterBackend({
      knex,
      config: hostClusterConfig(emulator.server.url),
    });
    try {
      const base = `http://localhost:${
        (backend.server.address() as any).port
      }/api`;
      // An admin's token lists every vCluster, as the catalog's service token does.
      const client = new VClusterClient({
        discoveryApi: { getBaseUrl: async id => `${base}/${id}` },
        fetchApi: {
          fetch: (input, init) =>
            fetch(input, {
              ...init,
              headers: {
                authorization: mockCredentials.user.header('user:default/root'),
              },
            }),
        },
      });
      const mutations: EntityProviderMutation[] = [];
      const provider = new VClusterEntityProvider(
        client,
        mockServices.logger.mock(),
        'http://portal.example.com/',
      );
      await provider.connect({
        applyMutation: async m => void mutations.push(m),
        refresh: async () => {},
      });

      await as(JANE).post('/clusters', {
        name: 'cat',
        size: 'small',
        owner: 'group:default/team-a',
      });
      await eventually(async () => {
        const res = await as(JANE).get('/clusters/cat');
        if (res.body.phase === 'Ready') return true;
        throw new Error(JSON.stringify(res.body));
      }, 'Ready');
      await provider.refresh();
      await provider.refresh(); // unchanged: no second mutation
      expect(mutations).toHaveLength(1);
      const [first] = mutations;
      expect(first.type).toBe('full');
      const entities = first.type === 'full' ? first.entities : [];
      expect(entities).toHaveLength(1);
      expect(entities[0].entity).toMatchObject({
        kind: 'Resource',
        metadata: {
          name: 'vcluster-cat',
          annotations: { 'hatchway.dev/vcluster': 'cat' },
          links: [
            {
              url: 'http://portal.example.com/vclusters/cat',
              title: 'vCluster page',
            },
          ],
        },
        spec: {
          type: 'kubernetes-cluster',
          owner: 'group:default/team-a',
          lifecycle: 'ready',
        },
      });

      // The catalog refuses entities its field-format policy rejects (e.g. relative link URLs).
      await expect(
        new FieldFormatEntityPolicy().enforce(entities[0].entity),
      ).resolves.toBeDefined();

      await as(JANE).del('/clusters/cat');
      await eventually(
        async () =>
          (await as(JANE).get('/clusters/cat')).status === 404
            ? true
            : undefined,
        'deleted',
      );
      await provider.refresh();
      expect(mutations).toHaveLength(2);
      expect(mutations[1]).toEqual({ type: 'full', entities: [] });
    } finally {
      await backend.stop();
    }
  });
});

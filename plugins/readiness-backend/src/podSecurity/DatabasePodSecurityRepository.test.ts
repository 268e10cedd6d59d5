import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { completed } from '../__testUtils__/findings';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { DatabasePodSecurityRepository } from './DatabasePodSecurityRepository';
import { judgeNamespaces } from './namespacePodSecurity';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const AT = new Date('2026-03-01T10:00:00Z');

const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const pod = (ns: string, name: string, spec: object): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec,
});
const ROOT = { containers: [{ name: 'app', image: 'app:1' }] };
const HOST = { hostPID: true, containers: [{ name: 'app', image: 'app:1' }] };

describe.each(databases.eachSupportedId())(
  'DatabasePodSecurityRepository on %s',
  id => {
    let repository: DatabasePodSecurityRepository;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      const knex = await databases.init(id);
      store = await DatabaseReadinessStore.create({
        database: { getClient: async () => knex },
      });
      repository = new DatabasePodSecurityRepository(knex);
    });

    it('replaces a whole cluster, or only the namespaces given, leaving other clusters alone', async () => {
      const cluster = [
        namespace('a'),
        namespace('b', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
        pod('a', 'one', ROOT),
        pod('b', 'two', ROOT),
      ];
      await repository.replace('prod', judgeNamespaces('prod', cluster), AT);
      await repository.replace('dev', judgeNamespaces('dev', cluster), AT);

      // Live re-scoring of namespace a (now running a host-PID pod) and of c, which is gone.
      const changed = [namespace('a'), pod('a', 'one', HOST)];
      await repository.replace(
        'prod',
        judgeNamespaces('prod', changed),
        new Date(AT.getTime() + 1000),
        ['a', 'c'],
      );
      const prod = await repository.namespaces({ cluster: 'prod' });
      expect(
        prod.map(n => [n.namespace, n.enforce, n.possibleLevel, n.scannedAt]),
      ).toEqual([
        ['a', 'privileged', 'privileged', '2026-03-01T10:00:01.000Z'],
        ['b', 'baseline', 'baseline', '2026-03-01T10:00:00.000Z'],
      ]);
      expect(prod[0].workloads).toEqual([
        expect.objectContaining({
          kind: 'Pod',
          name: 'one',
          refusals: expect.objectContaining({
            baseline: [expect.objectContaining({ id: 'hostNamespaces' })],
          }),
        }),
      ]);
      const dev = await repository.namespaces({ cluster: 'dev' });
      expect(dev.map(n => n.possibleLevel)).toEqual(['baseline', 'baseline']);

      // A whole-cluster replace drops what the cluster no longer has.
      await repository.replace('prod', judgeNamespaces('prod', changed), AT);
      expect(
        (await repository.namespaces({ cluster: 'prod' })).map(
          n => n.namespace,
        ),
      ).toEqual(['a']);
    });

    it('gives workloads the entities and owners of the stored mapping, and finds them by entity', async () => {
      await repository.replace(
        'prod',
        judgeNamespaces('prod', [namespace('a'), pod('a', 'one', ROOT)]),
        AT,
      );
      const key = 'prod||Pod|a|one';
      await store.scans.complete(
        completed((await store.scans.start('prod', AT)).id, 'prod', [], {
          resourceEntities: [
            {
              resourceKey: key,
              entityRef: 'component:default/one',
              owner: 'group:default/team-a',
            },
            { resourceKey: key, entityRef: 'system:default/shop' },
          ],
        }),
      );
      const [a] = await repository.namespaces({
        owner: 'group:default/team-a',
      });
      expect(a.workloads[0]).toMatchObject({
        resourceKey: key,
        entityRefs: ['component:default/one', 'system:default/shop'],
        owners: ['group:default/team-a'],
      });
      expect(
        await repository.namespaces({ owner: 'group:default/team-b' }),
      ).toEqual([]);
      expect(
        (await repository.workloadsOfEntity('system:default/shop')).map(
          w => w.name,
        ),
      ).toEqual(['one']);
      expect(await repository.workloadsOfEntity('component:default/x')).toEqual(
        [],
      );
    });
  },
);

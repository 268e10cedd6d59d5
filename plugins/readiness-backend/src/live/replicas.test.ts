import { RunningApiServer } from '@hatchway/kube-emulator';
import { AppsV1Api } from '@kubernetes/client-node';
import { Knex } from 'knex';
import { clustersConfig, startReadiness } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  appsClient,
  shopApi,
  startShopCluster,
  waitFor,
} from '../__testUtils__/shopCluster';

jest.setTimeout(120_000);

const databases = createTestDatabases();
// A real Postgres when the test run provides one, else SQLite.
const [[databaseId]] = databases.eachSupportedId();

type Backend = Awaited<ReturnType<typeof startReadiness>>;

describe(`live re-scoring with two backend instances on ${databaseId}`, () => {
  let emulator: RunningApiServer;
  let knex: Knex;
  let first: Backend | undefined;
  let second: Backend;
  let apps: AppsV1Api;

  const start = () =>
    startReadiness({
      config: {
        ...clustersConfig([{ name: 'emulator', url: emulator.url }]),
        readiness: {
          schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
          liveRescoring: { debounce: { milliseconds: 200 } },
        },
      },
      entities: [shopApi],
      knex,
    });
  const liveState = async (backend: Backend) =>
    (await backend.get('/clusters')).body.items[0].liveRescoring?.state;
  const workerFails = async (backend: Backend, checkId: string) =>
    (
      await backend.get('/entities/component/default/shop-api')
    ).body.findings.some(
      (f: any) =>
        f.resource.name === 'shop-api-worker' &&
        f.checkId === checkId &&
        f.status === 'failed',
    );
  const setRunAsNonRoot = async (value: boolean | undefined) => {
    const name = 'shop-api-worker';
    const namespace = 'legacy';
    const d = await apps.readNamespacedDeployment({ name, namespace });
    d.spec!.template.spec!.containers[0].securityContext = {
      runAsNonRoot: value,
    };
    await apps.replaceNamespacedDeployment({ name, namespace, body: d });
  };

  beforeAll(async () => {
    emulator = await startShopCluster();
    apps = appsClient(emulator);
    knex = await databases.init(databaseId);
    first = await start();
    await waitFor('the first instance to watch', async () =>
      first ? (await liveState(first)) === 'active' : false,
    );
    second = await start();
  });

  afterAll(async () => {
    await first?.backend.stop();
    await second?.backend.stop();
    await emulator?.close();
  });

  it('has one instance watch and write; every instance reports it', async () => {
    expect((await first!.post('/scans?cluster=emulator')).status).toBe(200);
    expect(await liveState(second)).toBe('active');
    const leases = await knex('readiness_live_status').select('holder');
    expect(leases).toHaveLength(1);
    await setRunAsNonRoot(true);
    await waitFor('the change to be re-scored', async () => {
      return !(await workerFails(second, 'run-as-non-root'));
    });
    // One writer: the worker has each of its findings once.
    const findings = (
      await second.get('/findings?entity=component:default/shop-api&limit=500')
    ).body.items.filter((f: any) => f.resource.name === 'shop-api-worker');
    const keys = findings.map((f: any) => `${f.checkId}/${f.container ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('hands the watch over when the watching instance stops, missing nothing', async () => {
    await first!.backend.stop();
    first = undefined;
    // Changed while no instance watches: the second re-scores it once it has listed the cluster.
    await setRunAsNonRoot(false);
    await waitFor('the second instance to watch', async () => {
      const [lease] = await knex('readiness_live_status');
      return !!lease.holder && (await liveState(second)) === 'active';
    });
    await waitFor('the change to be re-scored by the second instance', () =>
      workerFails(second, 'run-as-non-root'),
    );
    const [lease] = await knex('readiness_live_status');
    expect(lease.state).toBe('active');
  });
});

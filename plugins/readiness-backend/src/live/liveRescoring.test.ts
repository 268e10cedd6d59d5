import { RunningApiServer } from '@hatchway/kube-emulator';
import { AppsV1Api, V1Deployment } from '@kubernetes/client-node';
import { clustersConfig, startReadiness } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  appsClient,
  shopApi,
  startShopCluster,
  waitFor as waitUntil,
} from '../__testUtils__/shopCluster';

jest.setTimeout(120_000);

const databases = createTestDatabases();

type Finding = {
  checkId: string;
  status: string;
  scanId: string;
  resource: { name: string };
};

// Live re-scoring is meant to be quick: 15 s, not the helper's 30 s.
const waitFor = <T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
) => waitUntil(what, read, done, 15_000);

describe.each(databases.eachSupportedId())(
  'live re-scoring against the emulator and %s',
  databaseId => {
    let emulator: RunningApiServer;
    let api: Awaited<ReturnType<typeof startReadiness>>;
    let apps: AppsV1Api;

    beforeAll(async () => {
      emulator = await startShopCluster();
      // Every Deployments watch ends after one event: the informer must resume each time.
      emulator.faults.add({
        verb: 'watch',
        resource: 'deployments',
        cutWatchAfterEvents: 1,
      });
      apps = appsClient(emulator);
      api = await startReadiness({
        config: {
          ...clustersConfig([{ name: 'emulator', url: emulator.url }]),
          readiness: {
            // No scheduled scan during the test: every change is live.
            schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
            liveRescoring: {
              debounce: { milliseconds: 200 },
              failureThreshold: 3,
              retryDelay: { milliseconds: 100 },
            },
          },
        },
        entities: [shopApi],
        knex: await databases.init(databaseId),
      });
    });

    afterAll(async () => {
      await api?.backend.stop();
      await emulator?.close();
    });

    const cluster = async () => {
      const res = await api.get('/clusters');
      expect(res.status).toBe(200);
      return res.body.items[0];
    };
    const entity = async () => {
      const res = await api.get('/entities/component/default/shop-api');
      expect(res.status).toBe(200);
      return res.body as { score: { score: number }; findings: Finding[] };
    };
    const failed = (findings: Finding[], name: string) =>
      findings
        .filter(f => f.resource.name === name && f.status === 'failed')
        .map(f => f.checkId)
        .sort();
    const patchDeployment = async (
      namespace: string,
      name: string,
      change: (d: V1Deployment) => void,
    ) => {
      const deployment = await apps.readNamespacedDeployment({
        name,
        namespace,
      });
      change(deployment);
      await apps.replaceNamespacedDeployment({
        name,
        namespace,
        body: deployment,
      });
    };

    let scanId: string;

    it('scans once, then watches the cluster', async () => {
      const res = await api.post('/scans?cluster=emulator');
      expect(res.body.scan.status).toBe('succeeded');
      scanId = res.body.scan.id;
      const { value } = await waitFor(
        'live re-scoring to be active',
        cluster,
        c => c.liveRescoring?.state === 'active',
      );
      expect(value.liveRescoring).toEqual({
        state: 'active',
        since: expect.any(String),
      });
    });

    it('re-scores a hardened Deployment within seconds, without a scan', async () => {
      const before = await entity();
      expect(failed(before.findings, 'shop-api-worker')).toEqual(
        expect.arrayContaining([
          'run-as-non-root',
          'cpu-limits',
          'memory-limits',
          'not-privileged',
        ]),
      );
      await patchDeployment('legacy', 'shop-api-worker', d => {
        const container = d.spec!.template.spec!.containers[0];
        container.securityContext = {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
        };
        container.resources = {
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        };
      });
      const { value: after, ms } = await waitFor(
        "the worker's new findings",
        entity,
        e => !failed(e.findings, 'shop-api-worker').includes('run-as-non-root'),
      );
      expect(ms).toBeLessThan(5_000);
      const nowFailing = failed(after.findings, 'shop-api-worker');
      for (const fixed of [
        'run-as-non-root',
        'cpu-limits',
        'memory-limits',
        'cpu-requests',
        'memory-requests',
        'not-privileged',
        'no-privilege-escalation',
      ]) {
        expect(nowFailing).not.toContain(fixed);
      }
      // Still failing what the change did not fix.
      expect(nowFailing).toEqual(
        expect.arrayContaining(['image-tag', 'liveness-probe']),
      );
      expect(after.score.score).toBeGreaterThan(before.score.score);
      // The re-scored findings say they are live; no scan ran.
      const worker = after.findings.filter(
        f => f.resource.name === 'shop-api-worker',
      );
      expect(worker.some(f => f.scanId.startsWith('live:'))).toBe(true);
      const status = await cluster();
      expect(status.lastScan.id).toBe(scanId);
      expect(status.lastSuccessfulScan.id).toBe(scanId);
      expect(status.liveRescoring.lastUpdateAt).toEqual(expect.any(String));
      // The cluster's score counts the live findings too.
      expect(status.score.total.failed).toBe(
        (await api.get('/findings?cluster=emulator&status=failed&limit=500'))
          .body.totalCount,
      );
    });

    it('leaves the trend to scans: a live re-scoring writes no history point', async () => {
      const res = await api.get('/entities/component/default/shop-api?days=30');
      const [point] = res.body.trend;
      expect(res.body.trend).toHaveLength(1);
      // Today's point is the scan's, which saw the worker unhardened.
      const entityNow = await entity();
      expect(point.score).toBeLessThan(entityNow.score.score);
    });

    it('re-lists after a 410 and still re-scores', async () => {
      const gone = emulator.faults.add({
        verb: 'watch',
        resource: 'deployments',
        status: 410,
        times: 1,
      });
      // Its event ends the current watch; the resumed watch is refused with 410 Gone.
      await patchDeployment('shop', 'shop-api', d => {
        d.spec!.template.spec!.containers[0].image = 'example/shop-api:latest';
      });
      await waitFor(
        'the 410 to be served',
        async () => emulator.faults.list().some(f => f.id === gone.id),
        present => !present,
      );
      await waitFor('shop-api to fail image-tag', entity, e =>
        failed(e.findings, 'shop-api').includes('image-tag'),
      );
      // The re-listed informer still watches: the next change is re-scored too.
      await patchDeployment('shop', 'shop-api', d => {
        delete d.spec!.template.spec!.containers[0].readinessProbe;
      });
      const { ms } = await waitFor(
        'shop-api to fail readiness-probe',
        entity,
        e => failed(e.findings, 'shop-api').includes('readiness-probe'),
      );
      expect(ms).toBeLessThan(5_000);
      expect((await cluster()).lastScan.id).toBe(scanId);
      expect((await cluster()).liveRescoring.state).toBe('active');
    });

    it('reports a watch that keeps failing as degraded, and recovers', async () => {
      const failing = emulator.faults.add({
        verb: 'watch',
        resource: 'deployments',
        status: 500,
        message: 'etcd is unavailable',
      });
      // Ends the current watch; every retry is refused.
      await patchDeployment('shop', 'shop-api', d => {
        d.spec!.replicas = 3;
      });
      const { value } = await waitFor(
        'the degraded warning',
        cluster,
        c => c.liveRescoring?.state === 'degraded',
      );
      expect(value.liveRescoring.message).toMatch(
        /^Watching Deployment failed \d+ times in a row \(.+\); scores change at scheduled scans/,
      );
      emulator.faults.remove(failing.id);
      await waitFor(
        'live re-scoring to recover',
        cluster,
        c => c.liveRescoring?.state === 'active',
      );
      // What changed while the watch was down is re-scored once it is back.
      await patchDeployment('shop', 'shop-api', d => {
        d.spec!.template.spec!.containers[0].readinessProbe = {
          httpGet: { path: '/ready', port: 8080 },
        };
      });
      await waitFor(
        'shop-api to pass readiness-probe again',
        entity,
        e => !failed(e.findings, 'shop-api').includes('readiness-probe'),
      );
      expect((await cluster()).lastScan.id).toBe(scanId);
    });
  },
);

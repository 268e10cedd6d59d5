import { parseManifests, RunningEmulator } from '@hatchway/kube-emulator';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clustersConfig, startReadiness } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { startRunningEmulator } from '../__testUtils__/emulator';

jest.setTimeout(120_000);

// The demo cluster scripts/start.sh loads, with the demo catalog, scanned on every database.
const ROOT = resolve(__dirname, '../../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const entities = parseManifests(read('examples/entities.yaml')) as any[];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the Pod Security view of the demo cluster on %s',
  databaseId => {
    let emulator: RunningEmulator;
    let api: Awaited<ReturnType<typeof startReadiness>>;
    let kubeConfig: KubeConfig;

    const namespaces = async (query = '') => {
      const res = await api.get(`/pod-security${query}`);
      expect(res.status).toBe(200);
      return Object.fromEntries(
        res.body.items.map((n: any) => [n.namespace, n]),
      ) as Record<string, any>;
    };

    beforeAll(async () => {
      emulator = await startRunningEmulator();
      const dir = resolve(ROOT, 'examples/cluster');
      for (const file of readdirSync(dir)
        .filter(f => f.endsWith('.yaml'))
        .sort()) {
        await emulator.server.applyManifests(read(`examples/cluster/${file}`));
      }
      kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(emulator.server.kubeConfig());
      api = await startReadiness({
        config: clustersConfig([
          { name: 'emulator', url: emulator.server.url },
        ]),
        entities,
        knex: await databases.init(databaseId),
      });
    });

    afterAll(async () => {
      await api?.backend.stop();
      await emulator?.close();
    });

    it('is empty before the first scan', async () => {
      expect(await namespaces()).toEqual({});
    });

    it('gives each demo namespace its labels and the strictest level its workloads meet', async () => {
      const scan = await api.post('/scans?cluster=emulator');
      expect(scan.body.scan.status).toBe('succeeded');
      const all = await namespaces();
      const levels = Object.fromEntries(
        Object.values(all).map(n => [
          n.namespace,
          `${n.enforce} → ${n.possibleLevel}`,
        ]),
      );
      // legacy-web shares the host's network, runs privileged and mounts a host path; every
      // other demo workload is hardened (non-root, no escalation, capabilities dropped, seccomp).
      expect(levels).toEqual({
        'cert-manager': 'privileged → restricted',
        default: 'privileged → restricted',
        'external-secrets': 'privileged → restricted',
        'hatchway-runners': 'restricted → restricted',
        'ingress-nginx': 'privileged → restricted',
        kyverno: 'privileged → restricted',
        legacy: 'privileged → privileged',
        monitoring: 'privileged → restricted',
        'oauth2-proxy': 'privileged → restricted',
        shop: 'privileged → restricted',
      });
      // The control plane's namespaces are left out, as the scan leaves them out.
      expect(all['kube-system']).toBeUndefined();
      expect(all.shop).toMatchObject({
        cluster: 'emulator',
        owners: ['group:default/team-a'],
        labels: {},
        enforce: 'privileged',
        version: 'v1.37',
        workloadCount: 1,
        possibleLevel: 'restricted',
        refused: { baseline: [], restricted: [] },
      });
      expect(all['hatchway-runners']).toMatchObject({
        labels: { enforce: 'restricted' },
        enforce: 'restricted',
        possibleLevel: 'restricted',
        refused: {},
      });
      expect(all.legacy).toMatchObject({
        owners: ['group:default/team-a'],
        enforce: 'privileged',
        workloadCount: 1,
        possibleLevel: 'privileged',
      });
    });

    it('lists the workload restricted and baseline would refuse, with the controls it breaks', async () => {
      const { legacy } = await namespaces('?cluster=emulator');
      const [refused] = legacy.refused.baseline;
      expect(refused).toMatchObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'legacy-web',
        entityRefs: ['component:default/legacy-web'],
      });
      expect(refused.controls.map((c: any) => c.id)).toEqual([
        'capabilities_baseline',
        'hostNamespaces',
        'hostPathVolumes',
        'privileged',
      ]);
      expect(refused.controls).toContainEqual({
        id: 'privileged',
        name: 'privileged',
        message: 'container "web" must not set securityContext.privileged=true',
      });
      const restricted = legacy.refused.restricted[0];
      expect(restricted.name).toBe('legacy-web');
      expect(restricted.controls.map((c: any) => c.id)).toEqual(
        expect.arrayContaining([
          'hostNamespaces',
          'runAsNonRoot',
          'seccompProfile_restricted',
        ]),
      );
    });

    it('filters by owning team', async () => {
      const teamA = await namespaces('?owner=group:default/team-a');
      expect(Object.keys(teamA).sort()).toEqual(['legacy', 'shop']);
      // A bare name is a group, as elsewhere in the API.
      expect(Object.keys(await namespaces('?owner=team-a')).sort()).toEqual([
        'legacy',
        'shop',
      ]);
      expect(await namespaces('?owner=group:default/nobody')).toEqual({});
      const bad = await api.get('/pod-security?team=team-a');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/Invalid pod security query/);
    });

    it("gives an entity's summary its highest admissible level", async () => {
      const legacy = await api.get('/entities/component/default/legacy-web');
      expect(legacy.body.podSecurity).toEqual({
        highestAdmissibleLevel: 'privileged',
        workloadCount: 1,
        limitedBy: [
          {
            cluster: 'emulator',
            namespace: 'legacy',
            kind: 'Deployment',
            name: 'legacy-web',
            level: 'privileged',
          },
        ],
      });
      const shop = await api.get('/entities/component/default/shop-api');
      expect(shop.body.podSecurity).toEqual({
        highestAdmissibleLevel: 'restricted',
        workloadCount: 1,
        limitedBy: [],
      });
      // A System maps to no workload: no Pod Security standing.
      const system = await api.get('/entities/system/default/shop');
      expect(system.status).toBe(200);
      expect(system.body.podSecurity).toBeUndefined();
    });

    it('exports the namespace view as CSV and JSON', async () => {
      const csv = await api.get('/pod-security/export?format=csv&owner=team-a');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(
        /pod-security-all-clusters-\d{4}-\d{2}-\d{2}\.csv/,
      );
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^cluster,namespace,owners,enforce,/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(
        'emulator,legacy,group:default/team-a,,,,,,,v1.37,1,privileged,"Deployment legacy-web (capabilities_baseline, hostNamespaces, hostPathVolumes, privileged)","Deployment legacy-web (hostNamespaces, privileged, allowPrivilegeEscalation, capabilities_restricted, restrictedVolumes, runAsNonRoot, seccompProfile_restricted)",',
      );
      const json = await api.get(
        '/pod-security/export?format=json&cluster=emulator',
      );
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(json.text);
      expect(body.filters).toEqual({ cluster: 'emulator' });
      expect(body.items.map((n: any) => n.namespace)).toContain('legacy');
      expect((await api.get('/pod-security/export?format=sarif')).status).toBe(
        400,
      );
    });

    it('follows the cluster at the next scan: a hardened workload and a newly labelled namespace', async () => {
      const apps = kubeConfig.makeApiClient(AppsV1Api);
      const core = kubeConfig.makeApiClient(CoreV1Api);
      // The team hardens legacy-web and labels its namespace; the next scan sees both.
      const deployment = await apps.readNamespacedDeployment({
        name: 'legacy-web',
        namespace: 'legacy',
      });
      const spec = deployment.spec!.template.spec!;
      delete spec.hostNetwork;
      delete spec.volumes;
      spec.containers[0].securityContext = { allowPrivilegeEscalation: false };
      delete spec.containers[0].volumeMounts;
      await apps.replaceNamespacedDeployment({
        name: 'legacy-web',
        namespace: 'legacy',
        body: deployment,
      });
      const namespace = await core.readNamespace({ name: 'legacy' });
      namespace.metadata!.labels = {
        ...namespace.metadata!.labels,
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.30',
        'pod-security.kubernetes.io/warn': 'restricted',
      };
      await core.replaceNamespace({ name: 'legacy', body: namespace });
      await api.post('/scans?cluster=emulator');
      const { legacy } = await namespaces();
      expect(legacy).toMatchObject({
        labels: {
          enforce: 'baseline',
          enforceVersion: 'v1.30',
          warn: 'restricted',
        },
        enforce: 'baseline',
        version: 'v1.30',
        possibleLevel: 'baseline',
      });
      // Only levels stricter than the enforced one are listed.
      expect(Object.keys(legacy.refused)).toEqual(['restricted']);
      expect(
        legacy.refused.restricted[0].controls.map((c: any) => c.id),
      ).toEqual([
        'capabilities_restricted',
        'runAsNonRoot',
        'seccompProfile_restricted',
      ]);
    });
  },
);

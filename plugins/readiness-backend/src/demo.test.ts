import { RunningEmulator, parseManifests } from '@hatchway/kube-emulator';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clustersConfig, startReadiness } from './__testUtils__/backend';
import { createTestDatabases } from './__testUtils__/databases';
import { startRunningEmulator, waitForPods } from './__testUtils__/emulator';

jest.setTimeout(120_000);

// Guards the local demo: the manifests scripts/start.sh loads into the emulator, with the
// catalog entities and the readiness.platform list of app-config.yaml, show every state.
const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const appConfig = parseManifests(read('app-config.yaml'))[0] as any;
const entities = parseManifests(read('examples/entities.yaml')) as any[];

const databases = createTestDatabases();

describe('the demo cluster', () => {
  let emulator: RunningEmulator;
  let api: Awaited<ReturnType<typeof startReadiness>>;

  beforeAll(async () => {
    emulator = await startRunningEmulator();
    const dir = resolve(ROOT, 'examples/cluster');
    for (const file of readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort()) {
      await emulator.server.applyManifests(read(`examples/cluster/${file}`));
    }
    api = await startReadiness({
      config: {
        ...clustersConfig([{ name: 'emulator', url: emulator.server.url }]),
        readiness: { platform: appConfig.readiness.platform },
      },
      entities,
      knex: await databases.init('SQLITE_3'),
    });
    await waitForPods(emulator, {
      'sealed-secrets-controller-': /^Ready$/,
      'cert-manager': /^Ready$/,
      'ingress-nginx': /^Ready$/,
      'prometheus-': /^Ready$/,
      'alertmanager-': /^Ready$/,
      'oauth2-proxy': /^Ready$/,
      'grafana-': /^Running$/,
      kyverno: /^CrashLoopBackOff$/,
      'external-secrets': /^(ErrImagePull|ImagePullBackOff)$/,
    });
  });

  afterAll(async () => {
    await api?.backend.stop();
    await emulator?.close();
  });

  it('shows healthy, degraded and missing platform components', async () => {
    const scan = await api.post('/scans?cluster=emulator');
    expect(scan.body.scan.status).toBe('succeeded');
    // Every platform requirement could be checked, webhook configurations included.
    expect(scan.body.scan.warnings).not.toContainEqual(
      expect.stringMatching(/could not be listed/),
    );

    const board = await api.get('/platform?cluster=emulator');
    expect(board.status).toBe(200);
    const byName = Object.fromEntries(
      board.body.components.map((c: any) => [c.name, c]),
    );
    const health = (state: string) =>
      board.body.components
        .filter((c: any) => c.health === state)
        .map((c: any) => c.name);
    expect(health('Healthy')).toEqual([
      'sealed-secrets',
      'cert-manager',
      'ingress-nginx',
      'prometheus',
      'alertmanager',
    ]);
    expect(health('Degraded')).toEqual([
      'grafana',
      'kyverno',
      'external-secrets',
      'oauth2-proxy',
    ]);
    expect(health('Missing')).toEqual(['argocd']);
    expect(board.body.readyPercent).toBe(50);
    expect(byName.kyverno.reasons).toContainEqual(
      expect.stringMatching(/is in CrashLoopBackOff/),
    );
    expect(byName.kyverno.warnings[0]).toMatchObject({ reason: 'BackOff' });
    expect(byName['external-secrets'].reasons).toContainEqual(
      expect.stringMatching(/cannot pull its image/),
    );
    expect(byName.grafana.reasons).toContain(
      'Deployment grafana: 0/1 replicas ready',
    );
    expect(byName['oauth2-proxy'].reasons).toContainEqual(
      expect.stringMatching(/restarted 12 times$/),
    );
    expect(board.body.history).toHaveLength(1);
  });

  it('shows the live status on the platform components catalog entities', async () => {
    for (const [name, health] of [
      ['cert-manager', 'Healthy'],
      ['ingress-nginx', 'Healthy'],
      ['grafana', 'Degraded'],
    ]) {
      const res = await api.get(`/platform/entities/component/default/${name}`);
      expect(res.body).toEqual({
        entityRef: `component:default/${name}`,
        items: [expect.objectContaining({ cluster: 'emulator', name, health })],
      });
    }
  });

  it('fails the certificate that is about to expire (or has) and the secret that does not sync', async () => {
    const res = await api.get(
      '/findings?cluster=emulator&check=certificate-expiry',
    );
    const byName = Object.fromEntries(
      res.body.items.map((f: any) => [f.resource.name, f.status]),
    );
    expect(byName).toEqual({ 'grafana-tls': 'failed', 'portal-tls': 'passed' });
    // The manifests set these statuses themselves: the demo CRDs have no status subresource.
    const secrets = await api.get(
      '/findings?cluster=emulator&check=external-secret-synced',
    );
    expect(secrets.body.items).toEqual([
      expect.objectContaining({
        resource: expect.objectContaining({ name: 'shop-db' }),
        status: 'failed',
      }),
    ]);
  });
});

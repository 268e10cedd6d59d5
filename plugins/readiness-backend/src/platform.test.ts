import { RunningEmulator } from '@hatchway/kube-emulator';
import { PLATFORM_PRESETS } from '@hatchway/plugin-readiness-node';
import { clustersConfig, startReadiness } from './__testUtils__/backend';
import { createTestDatabases } from './__testUtils__/databases';
import { startRunningEmulator, waitForPods } from './__testUtils__/emulator';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const databases = createTestDatabases();

const crd = (plural: string, group: string, kind: string) => `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: ${plural}.${group} }
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: ${plural}, singular: ${kind.toLowerCase()}, kind: ${kind} }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`;

/** A workload with its namespace; `annotations` go on the pods. */
function workload(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  {
    kind = 'Deployment',
    replicas = 1,
    annotations = {},
  }: {
    kind?: string;
    replicas?: number;
    annotations?: Record<string, string>;
  } = {},
) {
  const podLabels = JSON.stringify({ ...labels, app: name });
  return `
apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apps/v1
kind: ${kind}
metadata: { name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(
    labels,
  )} }
spec:
  replicas: ${replicas}
  ${kind === 'StatefulSet' ? `serviceName: ${name}` : ''}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: ${podLabels}, annotations: ${JSON.stringify(
    annotations,
  )} }
    spec:
      containers: [{ name: main, image: example.org/${name}:1.0.0 }]
`;
}

const validatingWebhook = (name: string) => `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: ${name} }
webhooks: []
`;

/** Every preset, deployed where and as its upstream chart deploys it. */
const healthyPlatform = [
  validatingWebhook('kyverno-resource-validating-webhook-cfg'),
  validatingWebhook('cert-manager-webhook'),
  crd('sealedsecrets', 'bitnami.com', 'SealedSecret'),
  crd('externalsecrets', 'external-secrets.io', 'ExternalSecret'),
  crd('clustersecretstores', 'external-secrets.io', 'ClusterSecretStore'),
  crd('clusterpolicies', 'kyverno.io', 'ClusterPolicy'),
  crd('policyreports', 'wgpolicyk8s.io', 'PolicyReport'),
  crd('certificates', 'cert-manager.io', 'Certificate'),
  crd('clusterissuers', 'cert-manager.io', 'ClusterIssuer'),
  crd('applications', 'argoproj.io', 'Application'),
  workload('kube-system', 'sealed-secrets-controller', {
    'app.kubernetes.io/name': 'sealed-secrets',
  }),
  workload('external-secrets', 'external-secrets', {
    'app.kubernetes.io/name': 'external-secrets',
  }),
  workload('kyverno', 'kyverno-admission-controller', {
    'app.kubernetes.io/part-of': 'kyverno',
  }),
  workload(
    'cert-manager',
    'cert-manager',
    { 'app.kubernetes.io/instance': 'cert-manager' },
    { replicas: 3 },
  ),
  workload('ingress-nginx', 'ingress-nginx-controller', {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  }),
  workload('auth', 'oauth2-proxy', {
    'app.kubernetes.io/name': 'oauth2-proxy',
  }),
  workload(
    'monitoring',
    'prometheus-k8s',
    { 'app.kubernetes.io/name': 'prometheus' },
    { kind: 'StatefulSet' },
  ),
  workload(
    'monitoring',
    'alertmanager-main',
    { 'app.kubernetes.io/name': 'alertmanager' },
    { kind: 'StatefulSet' },
  ),
  workload('monitoring', 'grafana', { 'app.kubernetes.io/name': 'grafana' }),
  workload(
    'argocd',
    'argocd-server',
    { 'app.kubernetes.io/part-of': 'argocd' },
    { replicas: 3 },
  ),
].join('\n---\n');

const certificate = (name: string, notAfter: Date) => `
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: ${name}, namespace: cert-manager }
spec: { secretName: ${name}, dnsNames: [${name}.example.org] }
status:
  conditions: [{ type: Ready, status: 'True' }]
  notAfter: '${notAfter.toISOString()}'
`;

/**
 * The broken cluster: kyverno crash-loops, external-secrets cannot pull its image, grafana has
 * fewer ready replicas than configured, sealed-secrets lacks its CRD, oauth2-proxy restarted too
 * often, prometheus is not deployed; cert-manager is fine, with one certificate about to expire.
 */
const brokenPlatform = () =>
  [
    // kyverno's webhook configuration is missing too.
    validatingWebhook('cert-manager-webhook'),
    crd('externalsecrets', 'external-secrets.io', 'ExternalSecret'),
    crd('clustersecretstores', 'external-secrets.io', 'ClusterSecretStore'),
    crd('clusterpolicies', 'kyverno.io', 'ClusterPolicy'),
    crd('policyreports', 'wgpolicyk8s.io', 'PolicyReport'),
    crd('certificates', 'cert-manager.io', 'Certificate'),
    crd('clusterissuers', 'cert-manager.io', 'ClusterIssuer'),
    workload(
      'kyverno',
      'kyverno',
      {
        'app.kubernetes.io/part-of': 'kyverno',
        'backstage.io/kubernetes-id': 'policy-engine',
      },
      { annotations: { 'emulator.hatchway.dev/behavior': 'crashloop' } },
    ),
    workload(
      'external-secrets',
      'external-secrets',
      { 'app.kubernetes.io/name': 'external-secrets' },
      {
        annotations: { 'emulator.hatchway.dev/behavior': 'image-pull-backoff' },
      },
    ),
    workload('grafana', 'grafana', { 'app.kubernetes.io/name': 'grafana' }),
    workload('kube-system', 'sealed-secrets', {
      'app.kubernetes.io/name': 'sealed-secrets',
    }),
    workload(
      'oauth2-proxy',
      'oauth2-proxy',
      { 'app.kubernetes.io/name': 'oauth2-proxy' },
      { annotations: { 'emulator.hatchway.dev/restarts': '7' } },
    ),
    workload(
      'cert-manager',
      'cert-manager',
      { 'app.kubernetes.io/instance': 'cert-manager' },
      { replicas: 3 },
    ),
    certificate('expiring', new Date(Date.now() + 5 * DAY)),
    certificate('renewed', new Date(Date.now() + 10 * DAY)),
  ].join('\n---\n');

const policyEngine = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'policy-engine',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'policy-engine' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'platform' },
};

type Component = {
  name: string;
  health: string;
  reasons: string[];
  since: string;
  scanId: string;
};

describe.each(databases.eachSupportedId())(
  'the platform board against the emulator and %s',
  databaseId => {
    let healthy: RunningEmulator;
    let broken: RunningEmulator;
    let api: Awaited<ReturnType<typeof startReadiness>>;

    beforeAll(async () => {
      [healthy, broken] = await Promise.all([
        startRunningEmulator(),
        startRunningEmulator(),
      ]);
      await healthy.server.applyManifests(healthyPlatform);
      await broken.server.applyManifests(brokenPlatform());
      api = await startReadiness({
        config: {
          ...clustersConfig([
            { name: 'healthy', url: healthy.server.url },
            { name: 'broken', url: broken.server.url },
          ]),
          readiness: {
            restartThreshold: 5,
            certificateExpiryDays: 7,
            platform: {
              healthy: Object.keys(PLATFORM_PRESETS),
              // The broken cluster has no list of its own.
              default: [
                'kyverno',
                'external-secrets',
                { name: 'grafana', minReadyReplicas: 2 },
                'sealed-secrets',
                'oauth2-proxy',
                'prometheus',
                { name: 'cert-manager', entityRef: 'cert-manager' },
              ],
            },
          },
        },
        entities: [policyEngine],
        knex: await databases.init(databaseId),
      });
      await Promise.all([
        waitForPods(healthy, {
          'kube-system': /^Ready$/,
          'external-secrets': /^Ready$/,
          kyverno: /^Ready$/,
          'cert-manager': /^Ready$/,
          'ingress-nginx': /^Ready$/,
          auth: /^Ready$/,
          monitoring: /^Ready$/,
          argocd: /^Ready$/,
        }),
        waitForPods(broken, {
          kyverno: /^CrashLoopBackOff$/,
          'external-secrets': /^(ErrImagePull|ImagePullBackOff)$/,
          grafana: /^Ready$/,
          'kube-system': /^Ready$/,
          'oauth2-proxy': /^Ready$/,
          'cert-manager': /^Ready$/,
        }),
      ]);
    });

    afterAll(async () => {
      await api?.backend.stop();
      await Promise.all([healthy?.close(), broken?.close()]);
    });

    const scan = async (cluster: string) => {
      const res = await api.post(`/scans?cluster=${cluster}`);
      expect(res.body.scan.status).toBe('succeeded');
      return res.body.scan;
    };
    const board = async (cluster: string) => {
      const res = await api.get(`/platform?cluster=${cluster}`);
      expect(res.status).toBe(200);
      const byName: Record<string, Component> = Object.fromEntries(
        res.body.components.map((c: Component) => [c.name, c]),
      );
      return { ...res.body, byName };
    };

    it('detects every preset when it is present and healthy', async () => {
      const done = await scan('healthy');
      const { components, readyPercent, configured, lastScanAt, history } =
        await board('healthy');
      expect(configured).toBe(true);
      expect(
        components.map((c: Component) => [c.name, c.health, c.reasons]),
      ).toEqual(Object.keys(PLATFORM_PRESETS).map(n => [n, 'Healthy', []]));
      expect(readyPercent).toBe(100);
      expect(lastScanAt).toBe(done.finishedAt);
      expect(history).toEqual([
        expect.objectContaining({
          scanId: done.id,
          readyPercent: 100,
          healthy: 10,
          expected: 10,
        }),
      ]);
      const cert = components.find((c: Component) => c.name === 'cert-manager');
      expect(cert).toMatchObject({
        namespace: 'cert-manager',
        workloads: [
          { kind: 'Deployment', name: 'cert-manager', ready: 3, desired: 3 },
        ],
        since: done.finishedAt,
        scanId: done.id,
      });
      expect(cert.pods).toHaveLength(3);
      expect(cert.pods[0]).toMatchObject({ ready: true, restarts: 0 });
      // Every requirement could be checked, the webhook configurations included.
      expect(done.warnings).toEqual([]);
    });

    let first: any;

    it('is Degraded with the reason, or Missing, and keeps the pods and warnings', async () => {
      const done = await scan('broken');
      first = await board('broken');
      const { byName } = first;
      expect(
        (Object.values(byName) as Component[]).map(c => [c.name, c.health]),
      ).toEqual([
        ['kyverno', 'Degraded'],
        ['external-secrets', 'Degraded'],
        ['grafana', 'Degraded'],
        ['sealed-secrets', 'Degraded'],
        ['oauth2-proxy', 'Degraded'],
        ['prometheus', 'Missing'],
        ['cert-manager', 'Healthy'],
      ]);
      expect(byName.kyverno.reasons).toContain(
        'webhook configuration kyverno-resource-validating-webhook-cfg does not exist',
      );
      expect(byName['cert-manager'].reasons).toEqual([]);
      expect(byName.kyverno.reasons).toContainEqual(
        expect.stringMatching(
          /^pod kyverno-\S+ is in CrashLoopBackOff \(\d+ restarts\)$/,
        ),
      );
      expect(first.byName.kyverno).toMatchObject({
        pods: [{ ready: false, reason: 'CrashLoopBackOff' }],
        warnings: [
          expect.objectContaining({
            reason: 'BackOff',
            object: expect.stringMatching(/^Pod\/kyverno-/),
          }),
        ],
      });
      expect(byName['external-secrets'].reasons).toContainEqual(
        expect.stringMatching(
          /^pod external-secrets-\S+ cannot pull its image \((ErrImagePull|ImagePullBackOff)\)$/,
        ),
      );
      expect(byName.grafana.reasons).toEqual([
        '1 ready replicas, at least 2 expected',
      ]);
      expect(byName['sealed-secrets'].reasons).toEqual([
        'CRD sealedsecrets.bitnami.com is not installed',
      ]);
      expect(byName['oauth2-proxy'].reasons).toEqual([
        expect.stringMatching(/^pod oauth2-proxy-\S+ restarted 7 times$/),
      ]);
      expect(byName.prometheus.reasons).toEqual([
        'no workload labelled app.kubernetes.io/name=prometheus in namespace monitoring or prometheus',
      ]);
      expect(first.readyPercent).toBe(14);
      expect(first.history).toEqual([
        {
          scanId: done.id,
          at: done.finishedAt,
          readyPercent: 14,
          healthy: 1,
          expected: 7,
          components: {
            kyverno: 'Degraded',
            'external-secrets': 'Degraded',
            grafana: 'Degraded',
            'sealed-secrets': 'Degraded',
            'oauth2-proxy': 'Degraded',
            prometheus: 'Missing',
            'cert-manager': 'Healthy',
          },
        },
      ]);
    });

    it('fails a certificate inside the expiry window only', async () => {
      const res = await api.get(
        '/findings?cluster=broken&check=certificate-expiry',
      );
      expect(
        Object.fromEntries(
          res.body.items.map((f: any) => [f.resource.name, f.status]),
        ),
      ).toEqual({ expiring: 'failed', renewed: 'passed' });
      const expiring = res.body.items.find(
        (f: any) => f.resource.name === 'expiring',
      );
      expect(expiring.message).toMatch(/in [45] days \(window: 7 days\)/);
    });

    it('stores the percentage per scan, and moves `since` only when the health changes', async () => {
      await broken.server.applyManifests(
        workload(
          'monitoring',
          'prometheus',
          { 'app.kubernetes.io/name': 'prometheus' },
          { kind: 'StatefulSet' },
        ),
      );
      await waitForPods(broken, { monitoring: /^Ready$/ });
      const done = await scan('broken');
      const second = await board('broken');
      expect(second.byName.prometheus).toMatchObject({
        health: 'Healthy',
        since: done.finishedAt,
        scanId: done.id,
      });
      for (const unchanged of ['kyverno', 'grafana', 'cert-manager']) {
        expect(second.byName[unchanged].since).toBe(
          first.byName[unchanged].since,
        );
        expect(second.byName[unchanged].scanId).toBe(done.id);
      }
      expect(second.readyPercent).toBe(28);
      expect(
        second.history.map((p: any) => [
          p.readyPercent,
          p.components.prometheus,
        ]),
      ).toEqual([
        [14, 'Missing'],
        [28, 'Healthy'],
      ]);
      expect(second.lastScanAt).toBe(done.finishedAt);
    });

    it('shows a component on its catalog entity, by entityRef or by the kubernetes-id of its workloads', async () => {
      const byRef = await api.get(
        '/platform/entities/component/default/cert-manager',
      );
      expect(byRef.body).toEqual({
        entityRef: 'component:default/cert-manager',
        items: [
          expect.objectContaining({
            cluster: 'broken',
            name: 'cert-manager',
            health: 'Healthy',
            entityRef: 'component:default/cert-manager',
          }),
        ],
      });
      const byLabel = await api.get(
        '/platform/entities/component/default/policy-engine',
      );
      expect(byLabel.body.items).toEqual([
        expect.objectContaining({
          cluster: 'broken',
          name: 'kyverno',
          health: 'Degraded',
          entityRef: 'component:default/policy-engine',
        }),
      ]);
      const none = await api.get('/platform/entities/component/default/nope');
      expect(none.body).toEqual({
        entityRef: 'component:default/nope',
        items: [],
      });
    });
  },
);

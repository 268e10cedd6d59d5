import { ConfigReader } from '@backstage/config';
import { startApiServer, RunningApiServer } from '@hatchway/kube-emulator';
import { DefaultClusterAccessService } from '@hatchway/plugin-cluster-access-node';
import { clustersConfig } from '../__testUtils__/backend';
import { KubernetesClusterObjectReader } from './KubernetesClusterObjectReader';

jest.setTimeout(60_000);

const SERVICE_ACCOUNT = 'system:serviceaccount:hatchway:readiness';

const policy = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-frontend, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]
      ports: [{ port: 8080 }]
`;

const certificateCrd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: certificates.cert-manager.io }
spec:
  group: cert-manager.io
  scope: Namespaced
  names: { plural: certificates, singular: certificate, kind: Certificate }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`;

function services(count: number) {
  return Array.from(
    { length: count },
    (_, i) => `apiVersion: v1
kind: Service
metadata: { name: svc-${i}, namespace: bulk }
spec: { ports: [{ port: 80 }] }`,
  ).join('\n---\n');
}

/** Read access to everything the scanner lists, except what `except` names. */
function readerRole(except: string[]) {
  const rules = [
    ['', ['namespaces', 'pods', 'services', 'configmaps']],
    ['apps', ['deployments', 'statefulsets', 'daemonsets', 'replicasets']],
    ['batch', ['jobs', 'cronjobs']],
    ['networking.k8s.io', ['networkpolicies', 'ingresses']],
    ['policy', ['poddisruptionbudgets']],
    [
      'rbac.authorization.k8s.io',
      ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'],
    ],
    ['autoscaling', ['horizontalpodautoscalers']],
    ['cert-manager.io', ['certificates']],
  ] as const;
  return `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: readiness-reader }
rules:
${rules
  .map(([group, resources]) => {
    const allowed = resources.filter(r => !except.includes(r));
    return allowed.length
      ? `  - { apiGroups: ['${group}'], resources: [${allowed.join(
          ', ',
        )}], verbs: [get, list] }`
      : '';
  })
  .filter(Boolean)
  .join('\n')}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: readiness-reader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: readiness-reader }
subjects: [{ kind: ServiceAccount, name: readiness, namespace: hatchway }]
`;
}

async function emulator(manifests: string[], rbac = false) {
  const server = await startApiServer({
    tokens: { 'test-token': SERVICE_ACCOUNT },
    rbac,
  });
  for (const manifest of manifests) await server.applyManifests(manifest);
  const access = DefaultClusterAccessService.fromConfig(
    new ConfigReader(clustersConfig([{ name: 'emu', url: server.url }])),
  );
  return { server, reader: new KubernetesClusterObjectReader(access) };
}

describe('KubernetesClusterObjectReader', () => {
  let server: RunningApiServer | undefined;
  afterEach(() => server?.close());

  it('reads every page, and objects exactly as the API server sends them', async () => {
    const started = await emulator([
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: bulk }',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }',
      services(1203),
      policy,
    ]);
    server = started.server;
    const { objects, listedKinds, warnings } = await started.reader.read('emu');

    const bulk = objects.filter(
      o => o.kind === 'Service' && o.metadata?.namespace === 'bulk',
    );
    expect(bulk).toHaveLength(1203);
    expect(new Set(bulk.map(o => o.metadata?.name)).size).toBe(1203);
    expect(bulk[0].apiVersion).toBe('v1');

    const netpol = objects.find(o => o.kind === 'NetworkPolicy');
    expect(netpol).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      spec: {
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] },
        ],
      },
    });
    // Times stay strings, as the engine expects.
    expect(typeof (netpol?.metadata as any)?.creationTimestamp).toBe('string');

    expect(listedKinds).toEqual(
      expect.arrayContaining([
        'v1/Namespace',
        'apps/v1/Deployment',
        'policy/v1/PodDisruptionBudget',
      ]),
    );
    // Optional CRDs that the cluster does not have are skipped without a word.
    expect(listedKinds.some(k => k.endsWith('/ExternalSecret'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('lists custom resources once their CRD is served', async () => {
    const started = await emulator([
      certificateCrd,
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }',
      `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web, namespace: shop }
spec: { secretName: web-tls, dnsNames: [shop.example.com] }
status: { conditions: [{ type: Ready, status: 'True' }] }`,
    ]);
    server = started.server;
    const { objects, listedKinds } = await started.reader.read('emu');
    expect(listedKinds).toContain('cert-manager.io/v1/Certificate');
    expect(objects.find(o => o.kind === 'Certificate')).toMatchObject({
      apiVersion: 'cert-manager.io/v1',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { secretName: 'web-tls' },
    });
  });

  it('lists warning events, CRD names and webhooks only for the platform board', async () => {
    const started = await emulator([
      certificateCrd,
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }',
      `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: cert-manager-webhook, labels: { app: webhook } }
webhooks: []`,
      ...['Warning', 'Normal'].map(
        type => `apiVersion: v1
kind: Event
metadata: { name: api.${type.toLowerCase()}, namespace: shop }
type: ${type}
reason: ${type === 'Warning' ? 'BackOff' : 'Pulled'}
involvedObject: { kind: Pod, name: api, namespace: shop }`,
      ),
    ]);
    server = started.server;
    const plain = await started.reader.read('emu');
    expect(plain.objects.some(o => o.kind === 'Event')).toBe(false);
    expect(plain.objects.some(o => o.kind === 'CustomResourceDefinition')).toBe(
      false,
    );

    const { objects, listedKinds, warnings } = await started.reader.read(
      'emu',
      undefined,
      { platform: true },
    );
    expect(
      objects.filter(o => o.kind === 'Event').map(o => o.metadata?.name),
    ).toEqual(['api.warning']);
    // Only the name is kept: CRD schemas are large and nothing reads them.
    expect(objects.find(o => o.kind === 'CustomResourceDefinition')).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'certificates.cert-manager.io' },
    });
    expect(listedKinds).toEqual(
      expect.arrayContaining([
        'v1/Event',
        'apiextensions.k8s.io/v1/CustomResourceDefinition',
      ]),
    );
    expect(listedKinds).toEqual(
      expect.arrayContaining([
        'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
        'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
      ]),
    );
    expect(
      objects.find(o => o.kind === 'ValidatingWebhookConfiguration')?.metadata
        ?.name,
    ).toBe('cert-manager-webhook');
    expect(
      plain.objects.some(o => o.kind === 'ValidatingWebhookConfiguration'),
    ).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('warns about an optional kind it may not read, and fails on a built-in one', async () => {
    const noCertificates = await emulator(
      [certificateCrd, readerRole(['certificates'])],
      true,
    );
    server = noCertificates.server;
    const read = await noCertificates.reader.read('emu');
    expect(read.listedKinds).toContain('v1/Pod');
    expect(read.warnings).toEqual([
      expect.stringMatching(
        /^Could not list cert-manager.io\/v1 Certificate: HTTP 403: /,
      ),
    ]);
    await server.close();

    const noPods = await emulator([readerRole(['pods'])], true);
    server = noPods.server;
    await expect(noPods.reader.read('emu')).rejects.toMatchObject({
      code: 403,
    });
  });

  it('fails when the cluster cannot be reached', async () => {
    const started = await emulator([]);
    await started.server.close();
    await expect(started.reader.read('emu')).rejects.toThrow(/ECONNREFUSED/);
  });
});

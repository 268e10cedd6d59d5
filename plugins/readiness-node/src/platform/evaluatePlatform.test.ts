import { KubernetesObject } from '../kube/types';
import { evaluatePlatform } from './evaluatePlatform';
import { PLATFORM_PRESETS, resolveExpectedComponents } from './presets';

const crd = (name: string): KubernetesObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
});

function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  {
    replicas = 1,
    ready = replicas,
    progressing,
  }: { replicas?: number; ready?: number; progressing?: object } = {},
): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } } },
    },
    status: {
      readyReplicas: ready,
      conditions: progressing ? [progressing] : [],
    },
  };
}

function pod(
  namespace: string,
  name: string,
  app: string,
  {
    ready = true,
    restarts = 0,
    waiting,
  }: { ready?: boolean; restarts?: number; waiting?: string } = {},
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app } },
    status: {
      phase: waiting === 'ImagePullBackOff' ? 'Pending' : 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'main',
          restartCount: restarts,
          ...(waiting ? { state: { waiting: { reason: waiting } } } : {}),
        },
      ],
    },
  };
}

const sealedSecrets = () => [
  crd('sealedsecrets.bitnami.com'),
  deployment('kube-system', 'sealed-secrets-controller', {
    'app.kubernetes.io/name': 'sealed-secrets',
  }),
  pod(
    'kube-system',
    'sealed-secrets-controller-abc',
    'sealed-secrets-controller',
  ),
];

describe('evaluatePlatform', () => {
  const [sealed] = resolveExpectedComponents(['sealed-secrets']);

  it('reports a preset Healthy when its workload is ready and its CRDs are installed', () => {
    const board = evaluatePlatform(sealedSecrets(), [sealed]);
    expect(board.components[0]).toMatchObject({
      name: 'sealed-secrets',
      title: 'Sealed Secrets controller',
      health: 'Healthy',
      reasons: [],
      namespace: 'kube-system',
      workloads: [
        {
          kind: 'Deployment',
          name: 'sealed-secrets-controller',
          ready: 1,
          desired: 1,
        },
      ],
      pods: [
        {
          name: 'sealed-secrets-controller-abc',
          phase: 'Running',
          ready: true,
          restarts: 0,
        },
      ],
    });
    expect(board.readyPercent).toBe(100);
  });

  it('detects every preset when present and healthy', () => {
    for (const preset of Object.values(PLATFORM_PRESETS)) {
      const objects: KubernetesObject[] = [
        ...(preset.crds ?? []).map(crd),
        ...(preset.webhooks ?? []).map(name => ({
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingWebhookConfiguration',
          metadata: { name },
        })),
        deployment(
          preset.namespaces[0],
          `${preset.name}-main`,
          preset.selector!,
          { replicas: preset.minReadyReplicas ?? 1 },
        ),
      ];
      const [status] = evaluatePlatform(objects, [preset]).components;
      expect({
        name: preset.name,
        health: status.health,
        reasons: status.reasons,
      }).toEqual({ name: preset.name, health: 'Healthy', reasons: [] });
    }
  });

  it('is Missing, naming where it looked, when no workload matches', () => {
    const [status] = evaluatePlatform([], [sealed]).components;
    expect(status.health).toBe('Missing');
    expect(status.reasons).toEqual([
      'no workload labelled app.kubernetes.io/name=sealed-secrets in namespace kube-system or sealed-secrets',
      'CRD sealedsecrets.bitnami.com is not installed',
    ]);
    expect(evaluatePlatform([], [sealed]).readyPercent).toBe(0);
  });

  it('is Degraded with the reason for crash-looping, image-pull failure, too few replicas and a missing CRD', () => {
    const cases: Array<[KubernetesObject[], string]> = [
      [
        [
          crd('sealedsecrets.bitnami.com'),
          deployment(
            'kube-system',
            'ss',
            { 'app.kubernetes.io/name': 'sealed-secrets' },
            { ready: 0 },
          ),
          pod('kube-system', 'ss-1', 'ss', {
            ready: false,
            restarts: 7,
            waiting: 'CrashLoopBackOff',
          }),
        ],
        'pod ss-1 is in CrashLoopBackOff (7 restarts)',
      ],
      [
        [
          crd('sealedsecrets.bitnami.com'),
          deployment(
            'kube-system',
            'ss',
            { 'app.kubernetes.io/name': 'sealed-secrets' },
            { ready: 0 },
          ),
          pod('kube-system', 'ss-1', 'ss', {
            ready: false,
            waiting: 'ImagePullBackOff',
          }),
        ],
        'pod ss-1 cannot pull its image (ImagePullBackOff)',
      ],
      [
        [
          crd('sealedsecrets.bitnami.com'),
          deployment(
            'kube-system',
            'ss',
            { 'app.kubernetes.io/name': 'sealed-secrets' },
            { replicas: 2, ready: 1 },
          ),
        ],
        'Deployment ss: 1/2 replicas ready',
      ],
      [
        sealedSecrets().filter(o => o.kind !== 'CustomResourceDefinition'),
        'CRD sealedsecrets.bitnami.com is not installed',
      ],
      [
        [
          crd('sealedsecrets.bitnami.com'),
          deployment(
            'kube-system',
            'ss',
            { 'app.kubernetes.io/name': 'sealed-secrets' },
            {
              progressing: {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
              },
            },
          ),
        ],
        'Deployment ss: rollout stuck (ProgressDeadlineExceeded)',
      ],
      [
        [
          crd('sealedsecrets.bitnami.com'),
          deployment('kube-system', 'ss', {
            'app.kubernetes.io/name': 'sealed-secrets',
          }),
          pod('kube-system', 'ss-1', 'ss', { restarts: 9 }),
        ],
        'pod ss-1 restarted 9 times',
      ],
    ];
    for (const [objects, reason] of cases) {
      const [status] = evaluatePlatform(objects, [sealed]).components;
      expect(status.health).toBe('Degraded');
      expect(status.reasons).toContain(reason);
    }
  });

  it('keeps the newest warning events of the component only', () => {
    const event = (
      name: string,
      object: string,
      at: string,
      type = 'Warning',
    ): KubernetesObject => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'kube-system' },
      type,
      reason: name,
      message: `${name} happened`,
      involvedObject: { kind: 'Pod', name: object },
      lastTimestamp: at,
    });
    const objects = [
      ...sealedSecrets(),
      event('BackOff', 'sealed-secrets-controller-abc', '2026-11-01T10:00:00Z'),
      event(
        'Unhealthy',
        'sealed-secrets-controller-abc',
        '2026-11-01T11:00:00Z',
      ),
      event(
        'Pulled',
        'sealed-secrets-controller-abc',
        '2026-11-01T12:00:00Z',
        'Normal',
      ),
      event('BackOff', 'someone-else', '2026-11-01T13:00:00Z'),
    ];
    const [status] = evaluatePlatform(objects, [sealed]).components;
    expect(status.warnings.map(w => w.reason)).toEqual([
      'Unhealthy',
      'BackOff',
    ]);
  });

  it('computes the ready percentage over the expected components', () => {
    const components = resolveExpectedComponents([
      'sealed-secrets',
      'grafana',
      'argocd',
    ]);
    expect(evaluatePlatform(sealedSecrets(), components).readyPercent).toBe(33);
  });

  it('accepts preset overrides and own components, and rejects an unknown name without a selector', () => {
    const [moved, own] = resolveExpectedComponents([
      { name: 'sealed-secrets', namespaces: ['secrets'] },
      {
        name: 'billing-gateway',
        namespaces: ['billing'],
        workloadName: 'gateway',
      },
    ]);
    expect(moved.namespaces).toEqual(['secrets']);
    expect(moved.crds).toEqual(['sealedsecrets.bitnami.com']);
    expect(own.workloadName).toBe('gateway');
    expect(() => resolveExpectedComponents(['kafka'])).toThrow(
      /Platform component "kafka" is not a preset/,
    );
  });

  it('names a second instance of a preset, and rejects an unknown preset or a name used twice', () => {
    const [ops] = resolveExpectedComponents([
      {
        preset: 'grafana',
        name: 'grafana-ops',
        namespaces: ['ops'],
        title: undefined,
      },
    ]);
    expect(ops).toMatchObject({
      name: 'grafana-ops',
      title: 'Grafana',
      namespaces: ['ops'],
      selector: { 'app.kubernetes.io/name': 'grafana' },
    });
    expect(() =>
      resolveExpectedComponents([{ preset: 'grafanna', name: 'dashboards' }]),
    ).toThrow(
      /Platform component "dashboards" names an unknown preset "grafanna" \(known presets: sealed-secrets, /,
    );
    expect(() => resolveExpectedComponents(['grafana', 'grafana'])).toThrow(
      /"grafana" is listed twice/,
    );
  });

  it('skips CRD and webhook requirements it cannot verify instead of calling them missing', () => {
    const [kyverno] = resolveExpectedComponents(['kyverno']);
    const objects = [
      deployment('kyverno', 'kyverno-admission', {
        'app.kubernetes.io/part-of': 'kyverno',
      }),
      pod('kyverno', 'kyverno-admission-1', 'kyverno-admission'),
    ];
    const judged = evaluatePlatform(objects, [kyverno]).components[0];
    expect(judged.health).toBe('Degraded');
    expect(judged.reasons).toEqual([
      'CRD clusterpolicies.kyverno.io is not installed',
      'CRD policyreports.wgpolicyk8s.io is not installed',
      'webhook configuration kyverno-resource-validating-webhook-cfg does not exist',
    ]);
    const unverified = evaluatePlatform(objects, [kyverno], {
      unverifiable: { crds: true, webhooks: true },
    }).components[0];
    expect(unverified).toMatchObject({ health: 'Healthy', reasons: [] });
  });
});

import type { Entity } from '@backstage/catalog-model';
import {
  CATEGORIES,
  Category,
  ComponentHealth,
  FindingCounts,
  Score,
  Severity,
} from '@hatchway/plugin-readiness-common';
import type {
  EffectiveCheck,
  ReadinessCluster,
  ReadinessEntityResponse,
  ReadinessExemption,
  ReadinessFinding,
  ReadinessPlatformComponent,
  ReadinessPlatformHistoryPoint,
  ReadinessPlatformResponse,
  ReadinessScan,
} from '../api/types';

const zero = (): FindingCounts => ({
  passed: 0,
  failed: 0,
  exempted: 0,
  skipped: 0,
});

/** A score whose counts are those of the findings given, plus `passed` passing ones in security. */
export function scoreOf(
  value: number,
  level: string,
  findings: Pick<ReadinessFinding, 'severity' | 'category' | 'status'>[],
  passed = 0,
): Score {
  const total = zero();
  const bySeverity = { danger: zero(), warning: zero() } as Record<
    Severity,
    FindingCounts
  >;
  const byCategory = Object.fromEntries(
    CATEGORIES.map(c => [c, zero()]),
  ) as Record<Category, FindingCounts>;
  const failed = {
    danger: Object.fromEntries(CATEGORIES.map(c => [c, 0])),
    warning: Object.fromEntries(CATEGORIES.map(c => [c, 0])),
  } as Score['failed'];
  for (const f of findings) {
    total[f.status] += 1;
    bySeverity[f.severity][f.status] += 1;
    byCategory[f.category][f.status] += 1;
    if (f.status === 'failed') failed[f.severity][f.category] += 1;
  }
  total.passed += passed;
  bySeverity.warning.passed += passed;
  byCategory.security.passed += passed;
  return { score: value, level, total, bySeverity, byCategory, failed };
}

export const emptyScore = (): Score => scoreOf(100, 'gold', []);

export function scan(overrides: Partial<ReadinessScan> = {}): ReadinessScan {
  return {
    id: 'scan-1',
    cluster: 'prod',
    status: 'succeeded',
    startedAt: '2030-05-01T10:00:00Z',
    finishedAt: '2030-05-01T10:01:00Z',
    objectCount: 120,
    warnings: [],
    ...overrides,
  };
}

const deployment = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name,
  cluster: 'prod',
});
const namespaceRef = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  name,
  cluster: 'prod',
});

export const findings: ReadinessFinding[] = [
  {
    checkId: 'run-as-non-root',
    resource: deployment('shop', 'web-api'),
    container: 'web',
    severity: 'danger',
    category: 'security',
    status: 'failed',
    message: 'Container web may run as root',
    fieldPaths: [
      'spec.template.spec.containers[0].securityContext.runAsNonRoot',
    ],
    entityRefs: ['component:default/web-api'],
    owners: ['group:default/team-a'],
    scanId: 'scan-1',
  },
  {
    checkId: 'liveness-probe',
    resource: deployment('shop', 'web-api'),
    container: 'web',
    severity: 'warning',
    category: 'reliability',
    status: 'failed',
    message: 'Container web has no liveness probe',
    fieldPaths: ['spec.template.spec.containers[0].livenessProbe'],
    entityRefs: ['component:default/web-api'],
    owners: ['group:default/team-a'],
    scanId: 'scan-1',
  },
  {
    checkId: 'metadata-egress-blocked',
    resource: namespaceRef('payments'),
    severity: 'danger',
    category: 'networking',
    status: 'failed',
    message: 'Pods in payments can reach 169.254.169.254',
    entityRefs: ['system:default/payments'],
    owners: ['group:default/team-b'],
    scanId: 'scan-1',
  },
  {
    checkId: 'default-deny-egress',
    resource: namespaceRef('payments'),
    severity: 'warning',
    category: 'networking',
    status: 'exempted',
    message: 'No default-deny egress policy in payments',
    exemption: {
      source: 'config',
      id: 'ex-1',
      reason: 'Egress gateway lands next quarter',
      owner: 'group:default/team-b',
      expiresAt: '2031-01-01T00:00:00Z',
    },
    entityRefs: ['system:default/payments'],
    owners: ['group:default/team-b'],
    scanId: 'scan-1',
  },
];

const check = (
  id: string,
  title: string,
  severity: Severity,
  category: Category,
): EffectiveCheck => ({
  id,
  title,
  severity,
  category,
  remediation: `Fix ${title.toLowerCase()}.`,
  docsUrl: `https://docs.example/checks/${id}`,
  enabled: true,
});

export const checks: EffectiveCheck[] = [
  check('run-as-non-root', 'Containers run as non-root', 'danger', 'security'),
  check(
    'liveness-probe',
    'Liveness probe configured',
    'warning',
    'reliability',
  ),
  check(
    'metadata-egress-blocked',
    'Metadata endpoint blocked',
    'danger',
    'networking',
  ),
  check('default-deny-egress', 'Default-deny egress', 'warning', 'networking'),
];

export const clusters: ReadinessCluster[] = [
  {
    name: 'prod',
    title: 'Production',
    lastScan: scan(),
    lastSuccessfulScan: scan(),
    score: scoreOf(72, 'silver', findings, 10),
  },
  { name: 'staging', title: 'Staging' },
];

export const exemptions: ReadinessExemption[] = [
  {
    id: 'ex-1',
    checkIds: ['default-deny-egress'],
    match: { cluster: 'prod', namespace: 'payments' },
    reason: 'Egress gateway lands next quarter',
    owner: 'group:default/team-b',
    expiresAt: '2031-01-01T00:00:00Z',
    createdBy: 'user:default/jane',
    createdAt: '2030-04-01T00:00:00Z',
    active: true,
  },
  {
    id: 'ex-2',
    checkIds: ['liveness-probe'],
    match: { cluster: 'dev' },
    reason: 'Dev only',
    owner: 'group:default/team-a',
    expiresAt: '2020-01-01T00:00:00Z',
    createdBy: 'user:default/joe',
    createdAt: '2019-12-01T00:00:00Z',
    active: false,
  },
];

export function entityReadiness(
  overrides: Partial<ReadinessEntityResponse> = {},
): ReadinessEntityResponse {
  const own = findings.slice(0, 2);
  return {
    entityRef: 'component:default/web-api',
    selector: { kubernetesId: 'web-api' },
    score: scoreOf(58, 'none', own, 6),
    topFailingChecks: [
      {
        checkId: 'run-as-non-root',
        title: 'Containers run as non-root',
        severity: 'danger',
        category: 'security',
        failed: 2,
      },
      {
        checkId: 'liveness-probe',
        title: 'Liveness probe configured',
        severity: 'warning',
        category: 'reliability',
        failed: 1,
      },
    ],
    findings: own,
    days: 30,
    trend: [
      { day: '2030-04-29', score: 40, level: 'none', total: zero() },
      { day: '2030-04-30', score: 50, level: 'none', total: zero() },
      { day: '2030-05-01', score: 58, level: 'none', total: zero() },
    ],
    ...overrides,
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Platform times are relative to now, since the board says "Degraded for 2 hours". */
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A history point of the platform board; `components` maps each component to its health. */
export function platformPoint(
  at: string,
  components: Record<string, ComponentHealth>,
): ReadinessPlatformHistoryPoint {
  const expected = Object.keys(components).length;
  const healthy = Object.values(components).filter(h => h === 'Healthy').length;
  return {
    scanId: `scan-${at}`,
    at,
    readyPercent: expected ? Math.round((healthy / expected) * 100) : 100,
    healthy,
    expected,
    components,
  };
}

/**
 * The platform board of `prod`: cert-manager healthy, ingress-nginx crash-looping (and flapping
 * in its history), argocd missing.
 */
export function platform(
  overrides: Partial<ReadinessPlatformResponse> = {},
): ReadinessPlatformResponse {
  const components: ReadinessPlatformComponent[] = [
    {
      name: 'cert-manager',
      title: 'cert-manager',
      health: 'Healthy',
      reasons: [],
      namespace: 'cert-manager',
      workloads: [
        { kind: 'Deployment', name: 'cert-manager', ready: 1, desired: 1 },
        {
          kind: 'Deployment',
          name: 'cert-manager-webhook',
          ready: 1,
          desired: 1,
        },
      ],
      pods: [
        {
          name: 'cert-manager-7d9f8-abcde',
          phase: 'Running',
          ready: true,
          restarts: 0,
        },
      ],
      warnings: [],
      entityRef: 'component:platform/cert-manager',
      since: ago(11 * DAY),
      scanId: 'scan-9',
    },
    {
      name: 'ingress-nginx',
      title: 'Ingress controller (ingress-nginx)',
      health: 'Degraded',
      reasons: [
        'Pod ingress-nginx-controller-5c8d-xyz12 is in CrashLoopBackOff',
        '0 of 2 replicas ready',
      ],
      namespace: 'ingress-nginx',
      workloads: [
        {
          kind: 'Deployment',
          name: 'ingress-nginx-controller',
          ready: 0,
          desired: 2,
        },
      ],
      pods: [
        {
          name: 'ingress-nginx-controller-5c8d-xyz12',
          phase: 'Running',
          ready: false,
          restarts: 7,
          reason: 'CrashLoopBackOff',
        },
        {
          name: 'ingress-nginx-controller-5c8d-xyz34',
          phase: 'Pending',
          ready: false,
          restarts: 0,
          reason: 'ImagePullBackOff',
        },
      ],
      warnings: [
        {
          reason: 'BackOff',
          message: 'Back-off restarting failed container controller',
          object: 'Pod/ingress-nginx-controller-5c8d-xyz12',
          lastSeen: ago(3 * MINUTE),
        },
      ],
      since: ago(2 * HOUR),
      scanId: 'scan-9',
    },
    {
      name: 'argocd',
      title: 'Argo CD',
      health: 'Missing',
      reasons: ['No workload found in namespace argocd'],
      workloads: [],
      pods: [],
      warnings: [],
      since: ago(3 * DAY),
      scanId: 'scan-9',
    },
  ];
  return {
    cluster: 'prod',
    configured: true,
    readyPercent: 33,
    lastScanAt: ago(5 * MINUTE),
    components,
    history: [
      platformPoint(ago(3 * DAY), {
        'cert-manager': 'Healthy',
        'ingress-nginx': 'Healthy',
        argocd: 'Missing',
      }),
      platformPoint(ago(2 * DAY), {
        'cert-manager': 'Healthy',
        'ingress-nginx': 'Degraded',
        argocd: 'Missing',
      }),
      platformPoint(ago(DAY), {
        'cert-manager': 'Healthy',
        'ingress-nginx': 'Healthy',
        argocd: 'Missing',
      }),
      platformPoint(ago(2 * HOUR), {
        'cert-manager': 'Healthy',
        'ingress-nginx': 'Degraded',
        argocd: 'Missing',
      }),
    ],
    days: 30,
    ...overrides,
  };
}

/** A Component that maps to its Kubernetes resources by `backstage.io/kubernetes-id`. */
export const webApiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'web-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'web-api' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
};

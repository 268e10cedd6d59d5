/*
 * The synthetic cluster the readiness engine benchmark checks: 200 namespaces of 50 workloads
 * (Deployments with ReplicaSets, StatefulSets, DaemonSets, CronJobs with a Job, a bare debug pod),
 * their pods, and the Services, Ingresses, PDBs, NetworkPolicies, RBAC, ExternalSecrets,
 * Certificates and PolicyReports around them. Deterministic: every run checks the same cluster.
 */
import type { KubernetesObject } from '@hatchway/plugin-readiness-node';

const PER_NAMESPACE = 50;
/** The clock the synthetic statuses and the evaluation share. */
export const NOW = new Date('2026-11-23T12:00:00Z');

/** A deterministic pseudo-random sequence, so every run checks the same cluster. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}
const rnd = random(42);
const chance = (p: number) => rnd() < p;

/** How hardened a workload is: 0 = hardened, 1 = partly, 2 = not at all. */
type Grade = 0 | 1 | 2;

function container(name: string, grade: Grade, i: number) {
  const hardened = grade === 0;
  const partly = grade === 1;
  const image = hardened
    ? `registry.example.com/team/${name}:1.${i % 20}.0@sha256:${'a'.repeat(64)}`
    : partly
    ? `registry.example.com/team/${name}:1.${i % 20}.0`
    : chance(0.5)
    ? `docker.io/library/${name}:latest`
    : `docker.io/library/${name}`;
  return {
    name,
    image,
    ports: [{ containerPort: 8080, name: 'http' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'INSTANCE', value: String(i) },
    ],
    resources: hardened
      ? {
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        }
      : partly
      ? { requests: { cpu: '100m', memory: '128Mi' } }
      : {},
    ...(grade < 2 && {
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    }),
    securityContext: hardened
      ? {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        }
      : partly
      ? { runAsNonRoot: true, allowPrivilegeEscalation: false }
      : chance(0.1)
      ? { privileged: true, capabilities: { add: ['NET_ADMIN', 'SYS_ADMIN'] } }
      : {},
  };
}

function podSpec(app: string, grade: Grade, i: number, sidecar: boolean) {
  return {
    serviceAccountName: app,
    ...(grade === 0 && {
      automountServiceAccountToken: false,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app } },
        },
      ],
    }),
    ...(grade === 2 && chance(0.05) && { hostNetwork: true }),
    containers: [
      container(app, grade, i),
      ...(sidecar ? [container('proxy', grade, i)] : []),
    ],
    ...(grade < 2 &&
      chance(0.3) && { initContainers: [container('migrate', grade, i)] }),
    volumes: [
      { name: 'config', configMap: { name: `${app}-config` } },
      ...(grade === 2 && chance(0.1)
        ? [{ name: 'host', hostPath: { path: '/var/run/docker.sock' } }]
        : []),
    ],
  };
}

function podStatus(
  spec: ReturnType<typeof podSpec>,
  trouble: 'ok' | 'crash' | 'pull',
) {
  return {
    phase: trouble === 'ok' ? 'Running' : 'Pending',
    conditions: [
      { type: 'Ready', status: trouble === 'ok' ? 'True' : 'False' },
    ],
    containerStatuses: spec.containers.map(c => ({
      name: c.name,
      image: c.image,
      ready: trouble === 'ok',
      restartCount: trouble === 'crash' ? 12 : chance(0.02) ? 7 : 0,
      state:
        trouble === 'crash'
          ? { waiting: { reason: 'CrashLoopBackOff' } }
          : trouble === 'pull'
          ? { waiting: { reason: 'ImagePullBackOff', message: 'not found' } }
          : { running: { startedAt: '2026-11-20T08:00:00Z' } },
      ...(trouble === 'crash' && {
        lastState: { terminated: { reason: 'Error', exitCode: 1 } },
      }),
    })),
  };
}

/** The synthetic cluster; pods are spread over the pod-owning workloads. */
export function syntheticCluster(workloadCount: number, podCount: number) {
  // Plain manifests, as the API server returns them; the engine reads them defensively.
  const objects: Array<Record<string, any>> = [];
  const namespaces = Math.ceil(workloadCount / PER_NAMESPACE);
  // Pods of controllers other than Deployments are fixed; Deployments take the rest.
  const deploymentsPerNs = 34;
  const fixedPods = namespaces * (7 * 3 + 3 * 15 + 5 * 1 + 1);
  const deployments = Math.min(workloadCount, namespaces * deploymentsPerNs);
  const deploymentPods = Math.max(0, podCount - fixedPods);
  let workloads = 0;
  let pods = 0;

  const pod = (
    ns: string,
    name: string,
    app: string,
    spec: ReturnType<typeof podSpec>,
    owner?: { kind: string; name: string; apiVersion: string },
  ) => {
    const roll = rnd();
    const trouble = roll < 0.02 ? 'crash' : roll < 0.03 ? 'pull' : 'ok';
    pods++;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: ns,
        uid: `uid-${ns}-${name}`,
        labels: { app, 'app.kubernetes.io/part-of': ns },
        ...(owner && {
          ownerReferences: [
            { ...owner, uid: `uid-${owner.name}`, controller: true },
          ],
        }),
      },
      spec: { ...spec, nodeName: `node-${pods % 120}` },
      status: podStatus(spec, trouble),
    });
  };

  for (let n = 0; n < namespaces && workloads < workloadCount; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    const nsGrade = (n % 3) as Grade;
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: {
          'kubernetes.io/metadata.name': ns,
          'pod-security.kubernetes.io/enforce':
            nsGrade === 0 ? 'restricted' : 'baseline',
        },
      },
    });
    // NetworkPolicies: default-deny in two namespaces of three, the metadata block in half.
    if (n % 3 !== 2) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace: ns },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-egress', namespace: ns },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                ipBlock: {
                  cidr: '0.0.0.0/0',
                  ...(n % 2 === 0 && { except: ['169.254.169.254/32'] }),
                },
              },
            ],
          },
        ],
      },
    });
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'developer', namespace: ns },
        rules: [
          {
            apiGroups: ['', 'apps'],
            resources: ['pods', 'pods/log', 'deployments'],
            verbs: ['get', 'list', 'watch'],
          },
          ...(n % 4 === 0
            ? [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]
            : []),
          ...(n % 7 === 0
            ? [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]
            : []),
          ...(n % 5 === 0
            ? [
                {
                  apiGroups: [''],
                  resources: ['secrets'],
                  verbs: ['list', 'watch'],
                },
              ]
            : []),
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'developers', namespace: ns },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'developer',
        },
        subjects: [
          {
            kind: 'Group',
            name: `${ns}-developers`,
            apiGroup: 'rbac.authorization.k8s.io',
          },
        ],
      },
    );
    for (let e = 0; e < 3; e++) {
      const synced = !(n % 10 === 0 && e === 0);
      objects.push({
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: { name: `secret-${e}`, namespace: ns },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
          target: { name: `secret-${e}` },
        },
        status: {
          refreshTime: synced ? '2026-11-23T11:30:00Z' : '2026-11-20T11:30:00Z',
          conditions: [
            synced
              ? { type: 'Ready', status: 'True', reason: 'SecretSynced' }
              : {
                  type: 'Ready',
                  status: 'False',
                  reason: 'SecretSyncedError',
                  message: 'could not get secret data from provider',
                },
          ],
        },
      });
    }
    objects.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `${ns}-tls`, namespace: ns },
      spec: { secretName: `${ns}-tls`, dnsNames: [`${ns}.example.com`] },
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'Ready' }],
        notAfter:
          n % 25 === 0 ? '2026-11-30T00:00:00Z' : '2027-02-01T00:00:00Z',
      },
    });
    const reportResults: object[] = [];

    for (let w = 0; w < PER_NAMESPACE && workloads < workloadCount; w++) {
      workloads++;
      const app = `app-${w}`;
      // Mostly the namespace's grade, sometimes one better or worse.
      const grade = (chance(0.8) ? nsGrade : Math.floor(rnd() * 3)) as Grade;
      const labels = { app, 'app.kubernetes.io/part-of': ns };
      const meta = (kind: string, name = app) => ({
        name,
        namespace: ns,
        uid: `uid-${name}`,
        labels: { ...labels, 'backstage.io/kubernetes-id': `${ns}-${app}` },
        annotations: { 'meta.helm.sh/release-name': ns },
        ...(kind === 'Deployment' && { generation: 3 }),
      });
      const template = (i: number) => ({
        metadata: { labels },
        spec: podSpec(app, grade, i, chance(0.25)),
      });
      const selector = { matchLabels: { app } };
      if (w < deploymentsPerNs) {
        const index = n * deploymentsPerNs + w;
        const replicas =
          Math.floor(deploymentPods / deployments) +
          (index < deploymentPods % deployments ? 1 : 0);
        const tpl = template(index);
        const available = chance(0.05) ? Math.max(0, replicas - 1) : replicas;
        objects.push({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: meta('Deployment'),
          spec: { replicas, selector, template: tpl },
          status: {
            replicas,
            readyReplicas: available,
            availableReplicas: available,
            conditions: [
              { type: 'Available', status: 'True' },
              {
                type: 'Progressing',
                status: 'True',
                reason: 'NewReplicaSetAvailable',
              },
            ],
          },
        });
        const rs = `${app}-7c9f8d6b5`;
        objects.push({
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            ...meta('ReplicaSet', rs),
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: app,
                uid: `uid-${app}`,
                controller: true,
              },
            ],
          },
          spec: { replicas, selector, template: tpl },
          status: { replicas, readyReplicas: available },
        });
        for (let p = 0; p < replicas; p++) {
          pod(ns, `${rs}-${p.toString(36).padStart(5, 'x')}`, app, tpl.spec, {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs,
          });
        }
        if (grade < 2 || chance(0.2)) {
          objects.push({
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: { name: app, namespace: ns },
            spec: { maxUnavailable: 1, selector },
          });
        }
        if (w < 10) {
          objects.push({
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: app, namespace: ns, labels },
            spec: {
              selector: { app },
              ports: [{ port: 80, targetPort: 'http' }],
            },
          });
        }
        if (w < 2) {
          const tls = grade === 0 || w === 0;
          objects.push({
            apiVersion: 'networking.k8s.io/v1',
            kind: 'Ingress',
            metadata: {
              name: app,
              namespace: ns,
              ...(grade === 2 && {
                annotations: { 'kubernetes.io/ingress.class': 'nginx' },
              }),
            },
            spec: {
              ...(grade < 2 && { ingressClassName: 'nginx' }),
              ...(tls && {
                tls: [
                  {
                    hosts: [`${app}.${ns}.example.com`],
                    secretName: `${ns}-tls`,
                  },
                ],
              }),
              rules: [
                {
                  host: `${app}.${ns}.example.com`,
                  http: {
                    paths: [
                      {
                        path: '/',
                        pathType: 'Prefix',
                        backend: {
                          service: { name: app, port: { number: 80 } },
                        },
                      },
                    ],
                  },
                },
              ],
            },
          });
        }
        if (grade === 0 && n % 3 !== 2) {
          objects.push({
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: `${app}-ingress`, namespace: ns },
            spec: {
              podSelector: { matchLabels: { app } },
              policyTypes: ['Ingress'],
              ingress: [
                {
                  from: [{ podSelector: { matchLabels: { app: 'gateway' } } }],
                  ports: [{ port: 8080 }],
                },
              ],
            },
          });
        }
      } else if (w < deploymentsPerNs + 7) {
        const tpl = template(w);
        objects.push({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: meta('StatefulSet'),
          spec: { replicas: 3, serviceName: app, selector, template: tpl },
          status: { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
        });
        for (let p = 0; p < 3; p++)
          pod(ns, `${app}-${p}`, app, tpl.spec, {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            name: app,
          });
        if (grade < 2) {
          objects.push({
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: { name: app, namespace: ns },
            spec: { minAvailable: 2, selector },
          });
        }
      } else if (w < deploymentsPerNs + 10) {
        const tpl = template(w);
        objects.push({
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: meta('DaemonSet'),
          spec: { selector, template: tpl },
          status: {
            desiredNumberScheduled: 15,
            numberAvailable: chance(0.1) ? 14 : 15,
          },
        });
        for (let p = 0; p < 15; p++)
          pod(ns, `${app}-${p.toString(36).padStart(5, 'd')}`, app, tpl.spec, {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: app,
          });
      } else if (w < deploymentsPerNs + 15) {
        const tpl = template(w);
        tpl.spec = {
          ...tpl.spec,
          restartPolicy: 'OnFailure',
        } as typeof tpl.spec;
        objects.push({
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: meta('CronJob'),
          spec: {
            schedule: '0 * * * *',
            jobTemplate: { spec: { template: tpl } },
          },
        });
        const job = `${app}-29123456`;
        const failed = chance(0.05);
        objects.push({
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            ...meta('Job', job),
            ownerReferences: [
              {
                apiVersion: 'batch/v1',
                kind: 'CronJob',
                name: app,
                uid: `uid-${app}`,
                controller: true,
              },
            ],
          },
          spec: { template: tpl },
          status: {
            conditions: [
              failed
                ? {
                    type: 'Failed',
                    status: 'True',
                    reason: 'BackoffLimitExceeded',
                  }
                : { type: 'Complete', status: 'True' },
            ],
          },
        });
        pod(ns, `${job}-x7k2p`, app, tpl.spec, {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: job,
        });
      } else {
        pod(ns, `debug-${w}`, 'debug', podSpec('debug', 2, w, false));
      }
      objects.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: app, namespace: ns },
        ...(grade === 0 && { automountServiceAccountToken: false }),
      });
      if (w < 20) {
        reportResults.push({
          source: 'kyverno',
          policy: 'require-labels',
          rule: 'check-team',
          result: grade === 2 ? 'fail' : 'pass',
          severity: 'medium',
          category: 'Best Practices',
          message: grade === 2 ? 'label team is required' : 'validation passed',
          resources: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: app,
              namespace: ns,
            },
          ],
        });
      }
    }
    objects.push({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: `cpol-${ns}`, namespace: ns },
      results: reportResults,
    });
  }

  for (let c = 0; c < 300; c++) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `operator-${c}` },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps', 'services'],
          verbs: ['get', 'list', 'watch'],
        },
        ...(c % 10 === 0
          ? [{ apiGroups: ['*'], resources: ['*'], verbs: ['get'] }]
          : []),
        ...(c % 15 === 0
          ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]
          : []),
      ],
    });
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `operator-${c}` },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: c % 50 === 0 ? 'cluster-admin' : `operator-${c}`,
      },
      subjects:
        c % 50 === 0
          ? [
              {
                kind: 'User',
                name: `admin-${c}@example.com`,
                apiGroup: 'rbac.authorization.k8s.io',
              },
            ]
          : [
              {
                kind: 'ServiceAccount',
                name: `operator-${c}`,
                namespace: 'operators',
              },
            ],
    });
  }
  return { objects: objects as KubernetesObject[], workloads, pods };
}

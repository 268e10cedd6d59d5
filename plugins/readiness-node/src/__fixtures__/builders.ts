/**
 * Builders for test objects. Each starts from an object that passes every check that applies to
 * it, so a test changes exactly the one thing it is about.
 */
/** Test objects are edited freely; typing every nested field would only get in the way. */
export type AnyObject = Record<string, any>;
type Mutate = (object: AnyObject) => void;

export const DIGEST = `sha256:${'a'.repeat(64)}`;
export const NOW = new Date('2025-06-01T12:00:00Z');

function build(object: AnyObject, mutate?: Mutate): AnyObject {
  mutate?.(object);
  return object;
}

/** A container that passes every container check. */
export function hardenedContainer(name = 'app'): AnyObject {
  return {
    name,
    image: `registry.example.com/team/${name}:1.4.2@${DIGEST}`,
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  };
}

/** A pod spec that passes every pod-level check. */
export function hardenedPodSpec(app = 'web'): AnyObject {
  return {
    automountServiceAccountToken: false,
    priorityClassName: 'business-critical',
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app } },
      },
    ],
    containers: [hardenedContainer()],
  };
}

export function deployment(
  mutate?: Mutate,
  name = 'web',
  ns = 'team-a',
): AnyObject {
  return build(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels: { app: name } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: hardenedPodSpec(name),
        },
      },
    },
    mutate,
  );
}

/** Another pod-bearing kind with the same hardened template. */
export function workload(
  kind: string,
  mutate?: Mutate,
  name = 'web',
  ns = 'team-a',
): AnyObject {
  const base = deployment(undefined, name, ns);
  const template = base.spec.template;
  const specs: Record<string, AnyObject> = {
    Deployment: base.spec,
    StatefulSet: { ...base.spec, serviceName: name },
    DaemonSet: { selector: base.spec.selector, template },
    ReplicaSet: base.spec,
    Job: {
      template: {
        ...template,
        spec: { ...template.spec, restartPolicy: 'Never' },
      },
    },
    CronJob: {
      schedule: '0 * * * *',
      jobTemplate: {
        spec: {
          template: {
            ...template,
            spec: { ...template.spec, restartPolicy: 'Never' },
          },
        },
      },
    },
  };
  if (kind === 'Pod') {
    return build(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns, labels: { app: name } },
        spec: template.spec,
      },
      mutate,
    );
  }
  const apiVersion = ['Job', 'CronJob'].includes(kind) ? 'batch/v1' : 'apps/v1';
  return build(
    { apiVersion, kind, metadata: base.metadata, spec: specs[kind] },
    mutate,
  );
}

export function namespace(name = 'team-a', mutate?: Mutate): AnyObject {
  return build(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    mutate,
  );
}

export function networkPolicy(
  name: string,
  spec: AnyObject,
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ns },
    spec,
  };
}

/** Default-deny in both directions, and DNS allowed: the policies a hardened namespace has. */
export function hardenedPolicies(ns = 'team-a'): AnyObject[] {
  return [
    networkPolicy(
      'default-deny',
      { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      ns,
    ),
    networkPolicy(
      'allow-dns',
      {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {},
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [{ port: 53, protocol: 'UDP' }],
          },
        ],
      },
      ns,
    ),
  ];
}

export function pdb(app = 'web', ns = 'team-a'): AnyObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app, namespace: ns },
    spec: { minAvailable: 1, selector: { matchLabels: { app } } },
  };
}

/** A namespace, its policies and a hardened Deployment with a PDB: passes every check. */
export function compliantSet(ns = 'team-a'): AnyObject[] {
  return [
    namespace(ns),
    ...hardenedPolicies(ns),
    deployment(undefined, 'web', ns),
    pdb('web', ns),
  ];
}

export function ingress(
  mutate?: Mutate,
  name = 'web',
  ns = 'team-a',
): AnyObject {
  return build(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: ns },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
        rules: [{ host: 'web.example.com', http: { paths: [] } }],
      },
    },
    mutate,
  );
}

export function secret(name: string, ns = 'team-a'): AnyObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns },
    type: 'kubernetes.io/tls',
  };
}

export function role(
  kind: 'Role' | 'ClusterRole',
  name: string,
  rules: AnyObject[],
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'Role' ? { name, namespace: ns } : { name },
    rules,
  };
}

export function binding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: { kind: string; name: string },
  subjects: AnyObject[],
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'RoleBinding' ? { name, namespace: ns } : { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export function condition(
  type: string,
  status: string,
  reason?: string,
  message?: string,
): AnyObject {
  return {
    type,
    status,
    ...(reason && { reason }),
    ...(message && { message }),
  };
}

/** An ISO time `hours` before {@link NOW}. */
export function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * 3600_000).toISOString();
}

/** A running pod with the given container statuses. */
export function runningPod(
  name: string,
  statuses: AnyObject[],
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d9c',
          controller: true,
        },
      ],
    },
    spec: { containers: statuses.map(s => ({ name: s.name, image: 'app:1' })) },
    status: { phase: 'Running', containerStatuses: statuses },
  };
}

/** A cert-manager Certificate; `status` is omitted unless given, like in rendered manifests. */
export function certificate(
  spec: AnyObject,
  status?: AnyObject,
  name = 'web',
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace: ns },
    spec: {
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
      dnsNames: ['web.example.com'],
      ...spec,
    },
    ...(status && { status }),
  };
}

export function hpa(
  target: string,
  minReplicas: number | undefined,
  maxReplicas: number,
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: target, namespace: ns },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target,
      },
      ...(minReplicas !== undefined && { minReplicas }),
      maxReplicas,
    },
  };
}

export function configMap(
  name: string,
  data: Record<string, string>,
  ns = 'team-a',
): AnyObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns },
    data,
  };
}

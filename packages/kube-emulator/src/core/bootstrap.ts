import type { KubeObject } from '../types';
import type { Core } from './Core';
import { createObject } from './create';
import { decodeObject } from './objectChecks';

const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const WORKLOADS = [
  {
    apiGroups: [''],
    resources: [
      'pods',
      'pods/log',
      'pods/status',
      'services',
      'endpoints',
      'configmaps',
      'persistentvolumeclaims',
      'serviceaccounts',
      'events',
      'limitranges',
      'resourcequotas',
      'replicationcontrollers',
    ],
  },
  {
    apiGroups: ['apps'],
    resources: [
      'deployments',
      'deployments/scale',
      'deployments/status',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
      'daemonsets',
      'controllerrevisions',
    ],
  },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  {
    apiGroups: ['networking.k8s.io'],
    resources: ['ingresses', 'networkpolicies'],
  },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'] },
];

const view = WORKLOADS.map(r => ({ ...r, verbs: READ }));
const edit = [
  ...WORKLOADS.map(r => ({ ...r, verbs: [...READ, ...WRITE] })),
  { apiGroups: [''], resources: ['secrets'], verbs: [...READ, ...WRITE] },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
];
const admin = [
  ...edit,
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'rolebindings'],
    verbs: [...READ, ...WRITE],
  },
  {
    apiGroups: ['authorization.k8s.io'],
    resources: ['localsubjectaccessreviews'],
    verbs: ['create'],
  },
];

const defaults = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};

function clusterRole(name: string, rules: object[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...defaults },
    rules,
  };
}

function clusterRoleBinding(name: string, groups: string[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, ...defaults },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name,
    },
    subjects: groups.map(g => ({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: g,
    })),
  };
}

/** The bootstrap policy a fresh cluster has (trimmed to what matters for authorization decisions). */
function bootstrapObjects(): KubeObject[] {
  const discoveryUrls = [
    '/api',
    '/api/*',
    '/apis',
    '/apis/*',
    '/healthz',
    '/livez',
    '/readyz',
    '/openapi',
    '/openapi/*',
    '/version',
    '/version/',
  ];
  return [
    ...SYSTEM_NAMESPACES.map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole('admin', admin),
    clusterRole('edit', edit),
    clusterRole('view', view),
    clusterRole('system:discovery', [
      { nonResourceURLs: discoveryUrls, verbs: ['get'] },
    ]),
    clusterRole('system:public-info-viewer', [
      {
        nonResourceURLs: [
          '/healthz',
          '/livez',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ]),
    clusterRole('system:basic-user', [
      {
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        verbs: ['create'],
      },
      {
        apiGroups: ['authentication.k8s.io'],
        resources: ['selfsubjectreviews'],
        verbs: ['create'],
      },
    ]),
    clusterRoleBinding('cluster-admin', ['system:masters']),
    clusterRoleBinding('system:discovery', ['system:authenticated']),
    clusterRoleBinding('system:basic-user', ['system:authenticated']),
    clusterRoleBinding('system:public-info-viewer', [
      'system:authenticated',
      'system:unauthenticated',
    ]),
  ];
}

/** Creates the system namespaces and bootstrap RBAC policy when they are missing. */
export function bootstrap(core: Core): void {
  for (const obj of bootstrapObjects()) {
    const rt = core.registry.byKind(obj.apiVersion!, obj.kind!)!;
    if (core.find(rt, obj.metadata.namespace ?? '', obj.metadata.name!))
      continue;
    createObject(core, rt, decodeObject(rt, rt.version, undefined, obj), {
      fieldManager: 'kube-apiserver',
    });
  }
}

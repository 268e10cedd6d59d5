import { canI, RawRequest } from './chartRbacCluster';

/**
 * The requests and authorizer questions the chart RBAC test puts to the emulator, and the
 * objects it needs there. Each request names a permission; a failure lists the ones answered
 * otherwise than expected.
 */

/** A session profile as the terminal backend reads it from config. */
export const SHELL_PROFILE = {
  name: 'shell',
  title: 'Shell',
  image: 'ghcr.io/hatchway-dev/hatchway-runner:0.1.0',
  command: ['bash', '-l'],
  resources: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '1', memory: '512Mi' },
  },
  env: {},
  idleTimeoutSeconds: 900,
  maxLifetimeSeconds: 3600,
  recording: false,
  recordInput: false,
  allowedGroups: [],
  vcluster: false,
  warmPool: 0,
};

const get = (path: string): RawRequest => ({ method: 'GET', path });
const post = (path: string, body: object): RawRequest => ({
  method: 'POST',
  path,
  body,
});
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x' },
};
const roleBindingToClusterAdmin = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'portal-admin' },
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'cluster-admin',
  },
  subjects: [
    { kind: 'ServiceAccount', name: 'rel-hatchway', namespace: 'portal' },
  ],
};
const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'x' },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'x', image: 'busybox' }],
      },
    },
  },
};

/** What the Backstage Kubernetes plugin lists (its default object types), cluster-wide. */
export const KUBERNETES_PLUGIN_READS: RawRequest[] = [
  '/api/v1/pods',
  '/api/v1/services',
  '/api/v1/configmaps',
  '/api/v1/limitranges',
  '/api/v1/resourcequotas',
  '/apis/apps/v1/deployments',
  '/apis/apps/v1/replicasets',
  '/apis/apps/v1/statefulsets',
  '/apis/apps/v1/daemonsets',
  '/apis/autoscaling/v2/horizontalpodautoscalers',
  '/apis/batch/v1/jobs',
  '/apis/batch/v1/cronjobs',
  '/apis/networking.k8s.io/v1/ingresses',
  '/api/v1/namespaces/default/pods/web/log',
].map(get);

/** Namespaces the request tables name. */
export interface Places {
  /** The runner namespace. */
  runners: string;
  /** A vcluster-* namespace without the manager RoleBinding. */
  early: string;
  /** The portal's ClusterRole for reading. */
  readerRole: string;
}

/** What the portal must be refused: each one a permission it has no business holding. */
export const portalForbidden = ({
  runners,
  early,
  readerRole,
}: Places): RawRequest[] => [
  // Secrets: none cluster-wide, none outside its own runners' and vClusters'.
  get('/api/v1/secrets'),
  get('/api/v1/namespaces/kube-system/secrets/admin-credentials'),
  get('/api/v1/namespaces/default/secrets/admin-credentials'),
  get(`/api/v1/namespaces/${'portal'}/secrets`),
  get(`/api/v1/namespaces/${runners}/secrets`),
  post('/api/v1/namespaces/kube-system/serviceaccounts/default/token', {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: {},
  }),
  // No shell into any pod, and no path through the kubelet.
  post('/api/v1/namespaces/default/pods/web/exec?command=sh', {}),
  post(`/api/v1/namespaces/${runners}/pods/web/exec?command=sh`, {}),
  post(`/api/v1/namespaces/${runners}/pods/web/attach`, {}),
  post(`/api/v1/namespaces/${runners}/pods/web/portforward`, {}),
  get('/api/v1/nodes/emulator/proxy/'),
  // No way to more rights.
  post(`${RBAC}/clusterrolebindings`, {
    ...roleBindingToClusterAdmin,
    kind: 'ClusterRoleBinding',
  }),
  post(`${RBAC}/namespaces/default/rolebindings`, roleBindingToClusterAdmin),
  post(
    `${RBAC}/namespaces/kube-system/rolebindings`,
    roleBindingToClusterAdmin,
  ),
  post(`${RBAC}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'more' },
    rules: [],
  }),
  {
    method: 'PATCH',
    path: `${RBAC}/clusterroles/${readerRole}`,
    body: {},
  },
  post(`${RBAC}/namespaces/default/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'more' },
    rules: [],
  }),
  {
    method: 'DELETE',
    path: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/rel-hatchway-vcluster-namespaces',
  },
  post(
    '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
    {},
  ),
  post('/apis/certificates.k8s.io/v1/certificatesigningrequests', {}),
  // No workloads outside its namespaces, nor bare pods in the runner namespace.
  post('/api/v1/namespaces/default/configmaps', configMap),
  post('/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x' },
  }),
  post('/apis/batch/v1/namespaces/default/jobs', job),
  post('/apis/batch/v1/namespaces/kube-system/jobs', job),
  post(`/api/v1/namespaces/${runners}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'x' },
  }),
  { method: 'DELETE', path: `/api/v1/namespaces/${runners}/pods/x` },
  {
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/statefulsets/x',
    body: {},
  },
  // A vCluster namespace before the manager RoleBinding exists.
  post(`/api/v1/namespaces/${early}/configmaps`, configMap),
  get(`/api/v1/namespaces/${early}/secrets/vc-early`),
  post(`/apis/apps/v1/namespaces/${early}/statefulsets`, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'early' },
  }),
  post(`${RBAC}/namespaces/${early}/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'more' },
    rules: [],
  }),
  // The Argo CD provisioner's rights are off by default.
  post('/apis/argoproj.io/v1alpha1/namespaces/argocd/applications', {}),
];

/** Reads the gateway must be refused: it needs nothing from the Kubernetes API. */
export const gatewayForbidden = ({ runners }: Places): RawRequest[] =>
  [
    '/api/v1/namespaces',
    '/api/v1/namespaces/default',
    '/api/v1/pods',
    '/api/v1/secrets',
    '/api/v1/services',
    '/api/v1/configmaps',
    '/api/v1/events',
    '/api/v1/nodes',
    `/api/v1/namespaces/${runners}/pods`,
    `/api/v1/namespaces/${runners}/secrets`,
    '/api/v1/namespaces/default/secrets/admin-credentials',
    '/apis/apps/v1/deployments',
    '/apis/apps/v1/statefulsets',
    `/apis/batch/v1/namespaces/${runners}/jobs`,
    `${RBAC}/clusterroles`,
    `${RBAC}/rolebindings`,
    '/apis/networking.k8s.io/v1/networkpolicies',
  ].map(get);

/** What the API server's bind, escalate and impersonate checks ask the authorizer. */
export const authorizerQuestions = ({ early, readerRole }: Places) =>
  [
    ...['cluster-admin', 'admin', 'edit', readerRole].map(name => ({
      verb: 'bind',
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      name,
    })),
    {
      verb: 'bind',
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      name: 'cluster-admin',
      namespace: 'default',
    },
    {
      verb: 'bind',
      group: 'rbac.authorization.k8s.io',
      resource: 'roles',
      namespace: 'default',
    },
    {
      verb: 'escalate',
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
    },
    {
      verb: 'escalate',
      group: 'rbac.authorization.k8s.io',
      resource: 'roles',
      namespace: early,
    },
    ...['users', 'groups', 'serviceaccounts'].map(resource => ({
      verb: 'impersonate',
      resource,
    })),
    {
      verb: 'impersonate',
      group: 'authentication.k8s.io',
      resource: 'userextras',
    },
  ] as Array<Parameters<typeof canI>[1]>;

/** CRDs of the optional kinds the readiness scan reads, so the scan lists every kind. */
export function optionalKindCrds(): string[] {
  return [
    ['external-secrets.io', 'ExternalSecret', 'externalsecrets', 'Namespaced'],
    ['bitnami.com', 'SealedSecret', 'sealedsecrets', 'Namespaced'],
    ['wgpolicyk8s.io', 'PolicyReport', 'policyreports', 'Namespaced'],
    [
      'wgpolicyk8s.io',
      'ClusterPolicyReport',
      'clusterpolicyreports',
      'Cluster',
    ],
    ['cert-manager.io', 'Certificate', 'certificates', 'Namespaced'],
  ].map(
    ([group, kind, plural, scope]) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: ${plural}.${group} }
spec:
  group: ${group}
  scope: ${scope}
  names: { plural: ${plural}, singular: ${kind.toLowerCase()}, kind: ${kind} }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }`,
  );
}

/** Argo CD's Application kind, as its CRD serves it (schema left open). */
export const ARGO_CD_APPLICATION_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: applications.argoproj.io }
spec:
  group: argoproj.io
  scope: Namespaced
  names: { plural: applications, singular: application, kind: Application }
  versions:
    - name: v1alpha1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }`;

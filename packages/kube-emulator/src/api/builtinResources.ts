import { defineResource, ResourceType, Strategy } from './resourceType';
import { podStrategy } from './strategies/pods';
import {
  cronJobStrategy,
  daemonSetStrategy,
  deploymentStrategy,
  jobStrategy,
  replicaSetStrategy,
  statefulSetStrategy,
} from './strategies/workloads';
import {
  bindingStrategy,
  configMapStrategy,
  hpaStrategy,
  ingressStrategy,
  namespaceStrategy,
  pvcStrategy,
  resetStatusStrategy,
  roleStrategy,
  secretStrategy,
  serviceStrategy,
} from './strategies/core';
import { crdStrategy } from './strategies/crd';
import {
  validatingAdmissionPolicyBindingStrategy,
  validatingAdmissionPolicyStrategy,
} from '../admission/policyStrategies';

const status = { status: true };
const scale = {
  status: true,
  scale: {
    specReplicasPath: ['spec', 'replicas'],
    statusReplicasPath: ['status', 'replicas'],
    labelSelectorPath: [],
  },
};

type Def = Parameters<typeof defineResource>[0];

const core = (
  plural: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<Def> = {},
) =>
  defineResource({
    group: '',
    version: 'v1',
    plural,
    kind,
    namespaced,
    ...extra,
  });

const group =
  (g: string, v: string) =>
  (
    plural: string,
    kind: string,
    namespaced: boolean,
    extra: Partial<Def> = {},
  ) =>
    defineResource({
      group: g,
      version: v,
      plural,
      kind,
      namespaced,
      ...extra,
    });

const apps = group('apps', 'v1');
const batch = group('batch', 'v1');
const networking = group('networking.k8s.io', 'v1');
const rbac = group('rbac.authorization.k8s.io', 'v1');
const authz = group('authorization.k8s.io', 'v1');
const authn = group('authentication.k8s.io', 'v1');

const review = (extra: Partial<Def> = {}): Partial<Def> => ({
  verbs: ['create'],
  createOnly: true,
  ...extra,
});
const workload = (
  strategy: Strategy,
  extra: Partial<Def> = {},
): Partial<Def> => ({
  categories: ['all'],
  subresources: scale,
  generation: true,
  strategy,
  ...extra,
});

const POD_FIELDS = [
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'spec.hostNetwork',
  'status.phase',
  'status.podIP',
  'status.podIPs',
  'status.nominatedNodeName',
];

const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

/** The built-in resources the emulator serves, in discovery order. */
export function builtinResources(): ResourceType[] {
  return [
    core('namespaces', 'Namespace', false, {
      shortNames: ['ns'],
      subresources: { status: true, finalize: true },
      nameRule: 'label',
      fieldSelectors: ['status.phase'],
      strategy: namespaceStrategy,
    }),
    core('pods', 'Pod', true, {
      shortNames: ['po'],
      categories: ['all'],
      subresources: { status: true, log: true, binding: true },
      fieldSelectors: POD_FIELDS,
      strategy: podStrategy,
    }),
    core('services', 'Service', true, {
      shortNames: ['svc'],
      categories: ['all'],
      subresources: status,
      nameRule: 'dns1035',
      strategy: serviceStrategy,
    }),
    core('endpoints', 'Endpoints', true, {
      shortNames: ['ep'],
      singular: 'endpoints',
      listKind: 'EndpointsList',
    }),
    core('configmaps', 'ConfigMap', true, {
      shortNames: ['cm'],
      strategy: configMapStrategy,
    }),
    core('secrets', 'Secret', true, {
      fieldSelectors: ['type'],
      strategy: secretStrategy,
    }),
    core('serviceaccounts', 'ServiceAccount', true, {
      shortNames: ['sa'],
      subresources: { token: true },
    }),
    core('events', 'Event', true, {
      shortNames: ['ev'],
      fieldSelectors: EVENT_FIELDS,
    }),
    core('resourcequotas', 'ResourceQuota', true, {
      shortNames: ['quota'],
      subresources: status,
    }),
    core('limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
    core('persistentvolumeclaims', 'PersistentVolumeClaim', true, {
      shortNames: ['pvc'],
      subresources: status,
      strategy: pvcStrategy,
    }),
    core('persistentvolumes', 'PersistentVolume', false, {
      shortNames: ['pv'],
      subresources: status,
    }),
    core('nodes', 'Node', false, {
      shortNames: ['no'],
      subresources: status,
      fieldSelectors: ['spec.unschedulable'],
    }),
    apps(
      'deployments',
      'Deployment',
      true,
      workload(deploymentStrategy, { shortNames: ['deploy'] }),
    ),
    apps(
      'replicasets',
      'ReplicaSet',
      true,
      workload(replicaSetStrategy, {
        shortNames: ['rs'],
        fieldSelectors: ['status.replicas'],
      }),
    ),
    apps(
      'statefulsets',
      'StatefulSet',
      true,
      workload(statefulSetStrategy, { shortNames: ['sts'] }),
    ),
    apps(
      'daemonsets',
      'DaemonSet',
      true,
      workload(daemonSetStrategy, { shortNames: ['ds'], subresources: status }),
    ),
    apps('controllerrevisions', 'ControllerRevision', true),
    batch(
      'jobs',
      'Job',
      true,
      workload(jobStrategy, {
        subresources: status,
        fieldSelectors: ['status.successful'],
      }),
    ),
    batch(
      'cronjobs',
      'CronJob',
      true,
      workload(cronJobStrategy, { shortNames: ['cj'], subresources: status }),
    ),
    networking('networkpolicies', 'NetworkPolicy', true, {
      shortNames: ['netpol'],
      generation: true,
      singular: 'networkpolicy',
      listKind: 'NetworkPolicyList',
    }),
    networking('ingresses', 'Ingress', true, {
      shortNames: ['ing'],
      subresources: status,
      generation: true,
      strategy: ingressStrategy,
    }),
    networking('ingressclasses', 'IngressClass', false, { generation: true }),
    rbac('roles', 'Role', true, { nameRule: 'path', strategy: roleStrategy }),
    rbac('rolebindings', 'RoleBinding', true, {
      nameRule: 'path',
      strategy: bindingStrategy(false),
    }),
    rbac('clusterroles', 'ClusterRole', false, {
      nameRule: 'path',
      strategy: roleStrategy,
    }),
    rbac('clusterrolebindings', 'ClusterRoleBinding', false, {
      nameRule: 'path',
      strategy: bindingStrategy(true),
    }),
    defineResource({
      group: 'policy',
      version: 'v1',
      plural: 'poddisruptionbudgets',
      kind: 'PodDisruptionBudget',
      namespaced: true,
      shortNames: ['pdb'],
      subresources: status,
      generation: true,
      strategy: resetStatusStrategy,
    }),
    defineResource({
      group: 'autoscaling',
      version: 'v2',
      plural: 'horizontalpodautoscalers',
      kind: 'HorizontalPodAutoscaler',
      namespaced: true,
      shortNames: ['hpa'],
      categories: ['all'],
      subresources: status,
      generation: true,
      strategy: hpaStrategy,
    }),
    authz(
      'selfsubjectaccessreviews',
      'SelfSubjectAccessReview',
      false,
      review(),
    ),
    authz('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, review()),
    authz('subjectaccessreviews', 'SubjectAccessReview', false, review()),
    authz(
      'localsubjectaccessreviews',
      'LocalSubjectAccessReview',
      true,
      review(),
    ),
    authn('selfsubjectreviews', 'SelfSubjectReview', false, review()),
    authn('tokenreviews', 'TokenReview', false, review()),
    defineResource({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
      kind: 'CustomResourceDefinition',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      subresources: status,
      generation: true,
      strategy: crdStrategy,
    }),
    defineResource({
      group: 'coordination.k8s.io',
      version: 'v1',
      plural: 'leases',
      kind: 'Lease',
      namespaced: true,
    }),
    defineResource({
      group: 'discovery.k8s.io',
      version: 'v1',
      plural: 'endpointslices',
      kind: 'EndpointSlice',
      namespaced: true,
    }),
    defineResource({
      group: 'storage.k8s.io',
      version: 'v1',
      plural: 'storageclasses',
      kind: 'StorageClass',
      namespaced: false,
      shortNames: ['sc'],
    }),
    // Stored and listed like the real API server; the emulator never calls the webhooks.
    defineResource({
      group: 'admissionregistration.k8s.io',
      version: 'v1',
      plural: 'validatingwebhookconfigurations',
      kind: 'ValidatingWebhookConfiguration',
      namespaced: false,
    }),
    defineResource({
      group: 'admissionregistration.k8s.io',
      version: 'v1',
      plural: 'mutatingwebhookconfigurations',
      kind: 'MutatingWebhookConfiguration',
      namespaced: false,
    }),
    // Enforced on every write (src/admission/validatingPolicies.ts).
    defineResource({
      group: 'admissionregistration.k8s.io',
      version: 'v1',
      plural: 'validatingadmissionpolicies',
      kind: 'ValidatingAdmissionPolicy',
      namespaced: false,
      subresources: status,
      generation: true,
      strategy: validatingAdmissionPolicyStrategy,
    }),
    defineResource({
      group: 'admissionregistration.k8s.io',
      version: 'v1',
      plural: 'validatingadmissionpolicybindings',
      kind: 'ValidatingAdmissionPolicyBinding',
      namespaced: false,
      generation: true,
      strategy: validatingAdmissionPolicyBindingStrategy,
    }),
    defineResource({
      group: 'scheduling.k8s.io',
      version: 'v1',
      plural: 'priorityclasses',
      kind: 'PriorityClass',
      namespaced: false,
      shortNames: ['pc'],
    }),
  ];
}

import { KubernetesObject } from '../kube/types';
import { hardenedSpec } from './__fixtures__/pods';
import { evaluatePodSecurity, highestAdmissibleLevel } from './evaluate';
import { podTemplateOf } from './podTemplate';

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/app';

/** A pod template whose metadata carries an unconfined AppArmor annotation. */
const template = (spec: Record<string, unknown> = hardenedSpec()) => ({
  metadata: {
    labels: { app: 'web' },
    annotations: { [APPARMOR]: 'unconfined' },
  },
  spec,
});

const workloads: Array<[string, KubernetesObject]> = [
  [
    'Deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: template() },
    },
  ],
  [
    'StatefulSet',
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { template: template() },
    },
  ],
  [
    'DaemonSet',
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { template: template() },
    },
  ],
  [
    'ReplicaSet',
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1' },
      spec: { template: template() },
    },
  ],
  [
    'Job',
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate' },
      spec: { template: template() },
    },
  ],
  [
    'CronJob',
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: {
        schedule: '@daily',
        jobTemplate: { spec: { template: template() } },
      },
    },
  ],
  ['Pod', { apiVersion: 'v1', kind: 'Pod', ...template() }],
];

describe('podTemplateOf', () => {
  it.each(workloads)(
    'judges the pod template of a %s, annotations included',
    (_, object) => {
      const pod = podTemplateOf(object);
      expect(pod).toBeDefined();
      expect(
        evaluatePodSecurity(pod!, 'baseline', 'latest').violations,
      ).toEqual([
        {
          id: 'appArmorProfile',
          level: 'baseline',
          name: 'forbidden AppArmor profile',
          message: `annotation must not set AppArmor profile type to "${APPARMOR}="unconfined""`,
        },
      ]);
    },
  );

  it.each(workloads)('finds a %s that meets restricted', (_, object) => {
    const copy = JSON.parse(JSON.stringify(object));
    const pod = podTemplateOf(copy)!;
    delete (pod.metadata!.annotations as Record<string, string>)[APPARMOR];
    expect(highestAdmissibleLevel(pod)).toBe('restricted');
  });

  it('reads the Deployment template, not the Deployment', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', annotations: { [APPARMOR]: 'unconfined' } },
      spec: {
        template: { metadata: {}, spec: { ...hardenedSpec(), hostIPC: true } },
      },
    };
    expect(
      evaluatePodSecurity(
        podTemplateOf(deployment)!,
        'baseline',
      ).violations.map(v => v.id),
    ).toEqual(['hostNamespaces']);
  });

  it('judges pods that a controller owns, as admission does', () => {
    const owned = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1-abc',
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1' }],
      },
      spec: { ...hardenedSpec(), hostPID: true },
    };
    expect(highestAdmissibleLevel(podTemplateOf(owned)!)).toBe('privileged');
  });

  it('defaults host ports of a hostNetwork Pod as the API server does, but not of templates', () => {
    const spec = {
      ...hardenedSpec(),
      hostNetwork: true,
      containers: [
        { ...hardenedSpec().containers[0], ports: [{ containerPort: 8080 }] },
      ],
    };
    const bare = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec,
    };
    expect(
      evaluatePodSecurity(podTemplateOf(bare)!, 'baseline').violations.map(
        v => v.message,
      ),
    ).toEqual(['hostNetwork=true', 'container "app" uses hostPort 8080']);
    // The manifest itself is left as it was.
    expect(spec.containers[0].ports).toEqual([{ containerPort: 8080 }]);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec } },
    };
    expect(
      evaluatePodSecurity(
        podTemplateOf(deployment)!,
        'baseline',
      ).violations.map(v => v.id),
    ).toEqual(['hostNamespaces']);
  });

  it.each([
    [
      'a Service',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: {},
      },
    ],
    [
      'a Deployment without a template',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {},
      },
    ],
  ])('finds no pod in %s', (_, object) => {
    expect(podTemplateOf(object)).toBeUndefined();
  });
});

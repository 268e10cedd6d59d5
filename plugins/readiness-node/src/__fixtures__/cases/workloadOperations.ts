import { CheckCase } from '../runCheck';
import { deployment, DIGEST, pdb, workload } from '../builders';

const C0 = 'spec.template.spec.containers[0]';

const withImage = (image: string) =>
  deployment(d => (d.spec.template.spec.containers[0].image = image));

/** Pass and fail scenarios for resources, images, probes and availability. */
export const workloadOperationsCases: CheckCase[] = [
  ...(['cpu', 'memory'] as const).flatMap((resource): CheckCase[] => [
    {
      checkId: `${resource}-requests`,
      name: 'set',
      objects: [deployment()],
      expect: 'passed',
    },
    {
      checkId: `${resource}-requests`,
      name: 'only a limit (the API server copies it)',
      objects: [
        deployment(
          d =>
            delete d.spec.template.spec.containers[0].resources.requests[
              resource
            ],
        ),
      ],
      expect: 'passed',
    },
    {
      checkId: `${resource}-requests`,
      name: 'neither request nor limit',
      objects: [
        deployment(d => {
          delete d.spec.template.spec.containers[0].resources.requests[
            resource
          ];
          delete d.spec.template.spec.containers[0].resources.limits[resource];
        }),
      ],
      expect: 'failed',
      fieldPaths: [`${C0}.resources.requests.${resource}`],
    },
    {
      checkId: `${resource}-limits`,
      name: 'set',
      objects: [deployment()],
      expect: 'passed',
    },
    {
      checkId: `${resource}-limits`,
      name: 'missing',
      objects: [
        deployment(
          d =>
            delete d.spec.template.spec.containers[0].resources.limits[
              resource
            ],
        ),
      ],
      expect: 'failed',
      message: new RegExp(`has no ${resource} limit`),
      fieldPaths: [`${C0}.resources.limits.${resource}`],
    },
  ]),
  {
    checkId: 'cpu-limits',
    name: 'init containers are not judged on resources',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.initContainers = [
            { name: 'setup', image: 'busybox:1.36' },
          ]),
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'image-tag',
    name: 'version tag',
    objects: [withImage('nginx:1.27.1')],
    expect: 'passed',
  },
  {
    checkId: 'image-tag',
    name: 'registry with a port and a tag',
    objects: [withImage('registry.local:5000/team/app:2.0')],
    expect: 'passed',
  },
  {
    checkId: 'image-tag',
    name: 'registry port but no tag',
    objects: [withImage('registry.local:5000/team/app')],
    expect: 'failed',
    message: /has no tag/,
    fieldPaths: [`${C0}.image`],
  },
  {
    checkId: 'image-tag',
    name: 'latest',
    objects: [withImage('nginx:latest')],
    expect: 'failed',
    message: /tagged latest/,
  },
  {
    checkId: 'image-digest',
    name: 'tag and digest',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'image-digest',
    name: 'digest only',
    objects: [withImage(`nginx@${DIGEST}`)],
    expect: 'passed',
  },
  {
    checkId: 'image-digest',
    name: 'tag only',
    objects: [withImage('nginx:1.27.1')],
    expect: 'failed',
    message: /not pinned by a sha256 digest/,
    fieldPaths: [`${C0}.image`],
  },
  {
    checkId: 'liveness-probe',
    name: 'present',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'liveness-probe',
    name: 'missing',
    objects: [
      deployment(d => delete d.spec.template.spec.containers[0].livenessProbe),
    ],
    expect: 'failed',
    fieldPaths: [`${C0}.livenessProbe`],
  },
  {
    checkId: 'liveness-probe',
    name: 'Jobs are not probed',
    objects: [
      workload(
        'Job',
        j => delete j.spec.template.spec.containers[0].livenessProbe,
      ),
    ],
    expect: 'none',
  },
  {
    checkId: 'readiness-probe',
    name: 'present',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'readiness-probe',
    name: 'missing in a StatefulSet',
    objects: [
      workload(
        'StatefulSet',
        s => delete s.spec.template.spec.containers[0].readinessProbe,
      ),
    ],
    expect: 'failed',
    fieldPaths: [`${C0}.readinessProbe`],
  },
  {
    checkId: 'min-replicas',
    name: '3 replicas',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'min-replicas',
    name: 'replicas unset (defaults to 1)',
    objects: [deployment(d => delete d.spec.replicas)],
    expect: 'failed',
    message: /Runs 1 replica/,
    fieldPaths: ['spec.replicas'],
  },
  {
    checkId: 'min-replicas',
    name: '1 replica but an autoscaler keeps 2',
    objects: [
      deployment(d => (d.spec.replicas = 1)),
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'team-a' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
          },
          minReplicas: 2,
          maxReplicas: 5,
        },
      },
    ],
    expect: 'passed',
  },
  {
    checkId: 'min-replicas',
    name: 'DaemonSets run per node',
    objects: [workload('DaemonSet')],
    expect: 'none',
  },
  {
    checkId: 'anti-affinity-or-spread',
    name: 'topology spread',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'anti-affinity-or-spread',
    name: 'preferred pod anti-affinity',
    objects: [
      deployment(d => {
        delete d.spec.template.spec.topologySpreadConstraints;
        d.spec.template.spec.affinity = {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: {} },
            ],
          },
        };
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'anti-affinity-or-spread',
    name: 'neither',
    objects: [
      deployment(d => delete d.spec.template.spec.topologySpreadConstraints),
    ],
    expect: 'failed',
    fieldPaths: ['spec.template.spec.topologySpreadConstraints'],
  },
  {
    checkId: 'pdb-coverage',
    name: 'PDB selects the pods',
    objects: [deployment(), pdb()],
    expect: 'passed',
  },
  {
    checkId: 'pdb-coverage',
    name: 'PDB in another namespace',
    objects: [deployment(), pdb('web', 'team-b')],
    expect: 'failed',
    message: /No PodDisruptionBudget/,
  },
  {
    checkId: 'pdb-coverage',
    name: 'PDB selecting other labels',
    objects: [deployment(), pdb('api')],
    expect: 'failed',
  },
];

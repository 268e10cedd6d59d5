import { CheckCase } from '../runCheck';
import { deployment, DIGEST, hpa, pdb, workload } from '../builders';

const C0 = 'spec.template.spec.containers[0]';
const POD = 'spec.template.spec';

const withContainer = (change: (c: Record<string, any>) => void) =>
  deployment(d => change(d.spec.template.spec.containers[0]));
const withBudget = (spec: Record<string, unknown>) => {
  const budget = pdb();
  budget.spec = { selector: budget.spec.selector, ...spec };
  return budget;
};

/** Pass and fail scenarios for the checks added to cover Polaris's workload checks. */
export const polarisWorkloadCases: CheckCase[] = [
  {
    checkId: 'no-host-port',
    name: 'a containerPort without hostPort',
    objects: [withContainer(c => (c.ports = [{ containerPort: 8080 }]))],
    expect: 'passed',
  },
  {
    checkId: 'no-host-port',
    name: 'hostPort 80 on the second port',
    objects: [
      withContainer(
        c =>
          (c.ports = [
            { containerPort: 8080 },
            { containerPort: 80, hostPort: 80 },
          ]),
      ),
    ],
    expect: 'failed',
    message: /binds host port 80/,
    fieldPaths: [`${C0}.ports[1].hostPort`],
    container: 'app',
  },
  {
    checkId: 'no-host-process',
    name: 'a Linux pod',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'no-host-process',
    name: 'hostProcess set for the whole pod',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.securityContext.windowsOptions = {
            hostProcess: true,
          }),
      ),
    ],
    expect: 'failed',
    message: /Windows HostProcess/,
    fieldPaths: [`${POD}.securityContext.windowsOptions.hostProcess`],
  },
  {
    checkId: 'no-host-process',
    name: 'a container opting out of a HostProcess pod',
    objects: [
      deployment(d => {
        d.spec.template.spec.securityContext.windowsOptions = {
          hostProcess: true,
        };
        d.spec.template.spec.containers[0].securityContext.windowsOptions = {
          hostProcess: false,
        };
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'default-proc-mount',
    name: 'procMount Default',
    objects: [withContainer(c => (c.securityContext.procMount = 'Default'))],
    expect: 'passed',
  },
  {
    checkId: 'default-proc-mount',
    name: 'procMount Unmasked in an init container',
    objects: [
      deployment(d => {
        d.spec.template.spec.initContainers = [
          {
            name: 'setup',
            image: `busybox:1.36@${DIGEST}`,
            securityContext: { procMount: 'Unmasked' },
          },
        ];
      }),
    ],
    expect: 'failed',
    message: /Init container "setup" sets procMount Unmasked/,
    fieldPaths: [
      'spec.template.spec.initContainers[0].securityContext.procMount',
    ],
  },
  {
    checkId: 'image-pull-policy-always',
    name: 'IfNotPresent on an image pinned by digest',
    objects: [withContainer(c => (c.imagePullPolicy = 'IfNotPresent'))],
    expect: 'passed',
  },
  {
    checkId: 'image-pull-policy-always',
    name: 'Always on a tagged image',
    objects: [
      withContainer(c => {
        c.image = 'nginx:1.27.1';
        c.imagePullPolicy = 'Always';
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'image-pull-policy-always',
    name: 'unset on latest (the API server defaults it to Always)',
    objects: [withContainer(c => (c.image = 'nginx:latest'))],
    expect: 'passed',
  },
  {
    checkId: 'image-pull-policy-always',
    name: 'unset on a version tag (defaults to IfNotPresent)',
    objects: [withContainer(c => (c.image = 'nginx:1.27.1'))],
    expect: 'failed',
    message: /pulls "nginx:1.27.1" IfNotPresent/,
    fieldPaths: [`${C0}.imagePullPolicy`],
  },
  {
    checkId: 'image-pull-policy-always',
    name: 'Never on a tagged image',
    objects: [
      withContainer(c => {
        c.image = 'nginx:1.27.1';
        c.imagePullPolicy = 'Never';
      }),
    ],
    expect: 'failed',
    message: /Never/,
  },
  {
    checkId: 'priority-class-set',
    name: 'priorityClassName set',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'priority-class-set',
    name: 'no priorityClassName',
    objects: [deployment(d => delete d.spec.template.spec.priorityClassName)],
    expect: 'failed',
    message: /no priority class/,
    fieldPaths: [`${POD}.priorityClassName`],
  },
  {
    checkId: 'instance-label-matches-name',
    name: 'no instance label (the recommended labels are optional)',
    objects: [deployment()],
    expect: 'none',
  },
  {
    checkId: 'instance-label-matches-name',
    name: 'label equal to the name',
    objects: [
      deployment(
        d => (d.metadata.labels['app.kubernetes.io/instance'] = 'web'),
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'instance-label-matches-name',
    name: 'Helm: release name as the label, release-chart as the name',
    objects: [
      deployment(
        d => (d.metadata.labels['app.kubernetes.io/instance'] = 'shop'),
        'shop-web',
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'instance-label-matches-name',
    name: "a copied manifest keeping another instance's label",
    objects: [
      deployment(
        d => (d.metadata.labels['app.kubernetes.io/instance'] = 'payments'),
        'billing',
      ),
    ],
    expect: 'failed',
    message: /"payments", but the object is named "billing"/,
    fieldPaths: ["metadata.labels['app.kubernetes.io/instance']"],
  },
  {
    checkId: 'pdb-allows-disruptions',
    name: 'minAvailable 1',
    objects: [pdb()],
    expect: 'passed',
  },
  {
    checkId: 'pdb-allows-disruptions',
    name: 'maxUnavailable 0',
    objects: [withBudget({ maxUnavailable: 0 })],
    expect: 'failed',
    message: /maxUnavailable is 0/,
    fieldPaths: ['spec.maxUnavailable'],
  },
  {
    checkId: 'pdb-allows-disruptions',
    name: 'maxUnavailable 0%',
    objects: [withBudget({ maxUnavailable: '0%' })],
    expect: 'failed',
  },
  {
    checkId: 'pdb-allows-disruptions',
    name: 'minAvailable 100%',
    objects: [withBudget({ minAvailable: '100%' })],
    expect: 'failed',
    fieldPaths: ['spec.minAvailable'],
  },
  {
    checkId: 'pdb-within-hpa-min-replicas',
    name: 'a budget without an autoscaler',
    objects: [deployment(), pdb()],
    expect: 'none',
  },
  {
    checkId: 'pdb-within-hpa-min-replicas',
    name: 'minAvailable 2 of at least 3',
    objects: [deployment(), withBudget({ minAvailable: 2 }), hpa('web', 3, 6)],
    expect: 'passed',
  },
  {
    checkId: 'pdb-within-hpa-min-replicas',
    name: 'minAvailable 50% of at least 3 (2 pods)',
    objects: [
      deployment(),
      withBudget({ minAvailable: '50%' }),
      hpa('web', 3, 6),
    ],
    expect: 'passed',
  },
  {
    checkId: 'pdb-within-hpa-min-replicas',
    name: 'minAvailable equal to minReplicas',
    objects: [deployment(), withBudget({ minAvailable: 2 }), hpa('web', 2, 6)],
    expect: 'failed',
    message: /minAvailable \(2\) is not below minReplicas \(2\)/,
  },
  {
    checkId: 'pdb-within-hpa-min-replicas',
    name: 'minAvailable 80% of at least 2 rounds up to 2',
    objects: [
      deployment(),
      withBudget({ minAvailable: '80%' }),
      hpa('web', 2, 6),
    ],
    expect: 'failed',
  },
  {
    checkId: 'pdb-within-hpa-min-replicas',
    name: 'maxUnavailable budgets scale with the replicas',
    objects: [
      deployment(),
      withBudget({ maxUnavailable: 1 }),
      hpa('web', 2, 6),
    ],
    expect: 'none',
  },
  {
    checkId: 'hpa-can-scale',
    name: 'from 2 to 6',
    objects: [hpa('web', 2, 6)],
    expect: 'passed',
  },
  {
    checkId: 'hpa-can-scale',
    name: 'minReplicas equal to maxReplicas',
    objects: [hpa('web', 3, 3)],
    expect: 'failed',
    message: /maxReplicas \(3\) is not above minReplicas \(3\)/,
    fieldPaths: ['spec.maxReplicas'],
  },
  {
    checkId: 'hpa-can-scale',
    name: 'maxReplicas 1 and minReplicas left at its default of 1',
    objects: [hpa('web', undefined, 1)],
    expect: 'failed',
  },
  {
    checkId: 'min-replicas',
    name: 'an autoscaler with minReplicas 1 (Polaris hpaMinAvailability)',
    objects: [deployment(), hpa('web', 1, 4)],
    expect: 'failed',
    message: /HorizontalPodAutoscaler web allows 1 replica/,
  },
  {
    checkId: 'no-host-port',
    name: 'DaemonSet pods bind hostPort too',
    objects: [
      workload(
        'DaemonSet',
        d =>
          (d.spec.template.spec.containers[0].ports = [
            { containerPort: 9100, hostPort: 9100 },
          ]),
      ),
    ],
    expect: 'failed',
    message: /9100/,
  },
];

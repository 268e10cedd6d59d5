import { CheckCase } from '../runCheck';
import { deployment, workload } from '../builders';

const C0 = 'spec.template.spec.containers[0]';

/** Pass and fail scenarios for the per-container and per-pod hardening checks. */
export const workloadSecurityCases: CheckCase[] = [
  {
    checkId: 'run-as-non-root',
    name: 'runAsNonRoot true',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'run-as-non-root',
    name: 'pod-level runAsUser 1000 without runAsNonRoot',
    objects: [
      deployment(d => {
        delete d.spec.template.spec.containers[0].securityContext.runAsNonRoot;
        d.spec.template.spec.securityContext.runAsUser = 1000;
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'run-as-non-root',
    name: 'runAsNonRoot unset',
    objects: [
      deployment(
        d =>
          delete d.spec.template.spec.containers[0].securityContext
            .runAsNonRoot,
      ),
    ],
    expect: 'failed',
    message: /Container "app" may run as root/,
    fieldPaths: [`${C0}.securityContext.runAsNonRoot`],
    container: 'app',
  },
  {
    checkId: 'run-as-non-root',
    name: 'container runs as UID 0 despite the pod saying non-root',
    objects: [
      deployment(d => {
        d.spec.template.spec.securityContext.runAsNonRoot = true;
        d.spec.template.spec.containers[0].securityContext = { runAsUser: 0 };
      }),
    ],
    expect: 'failed',
    message: /runs as UID 0/,
    fieldPaths: [`${C0}.securityContext.runAsUser`],
  },
  {
    checkId: 'run-as-non-root',
    name: 'an init container running as root is caught',
    objects: [
      deployment(d => {
        d.spec.template.spec.initContainers = [
          { name: 'setup', image: 'busybox:1.36' },
        ];
      }),
    ],
    expect: 'failed',
    message: /Init container "setup"/,
    fieldPaths: [
      'spec.template.spec.initContainers[0].securityContext.runAsNonRoot',
    ],
    container: 'setup',
  },
  {
    checkId: 'no-privilege-escalation',
    name: 'allowPrivilegeEscalation false',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'no-privilege-escalation',
    name: 'allowPrivilegeEscalation unset (defaults to true)',
    objects: [
      deployment(
        d =>
          delete d.spec.template.spec.containers[0].securityContext
            .allowPrivilegeEscalation,
      ),
    ],
    expect: 'failed',
    fieldPaths: [`${C0}.securityContext.allowPrivilegeEscalation`],
  },
  {
    checkId: 'not-privileged',
    name: 'privileged false',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'not-privileged',
    name: 'privileged container in a DaemonSet',
    objects: [
      workload(
        'DaemonSet',
        d =>
          (d.spec.template.spec.containers[0].securityContext.privileged =
            true),
      ),
    ],
    expect: 'failed',
    message: /is privileged/,
    fieldPaths: [`${C0}.securityContext.privileged`],
  },
  {
    checkId: 'drop-all-capabilities',
    name: 'drops ALL',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'drop-all-capabilities',
    name: 'drops only NET_RAW',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.containers[0].securityContext.capabilities.drop =
            ['NET_RAW']),
      ),
    ],
    expect: 'failed',
    fieldPaths: [`${C0}.securityContext.capabilities.drop`],
  },
  {
    checkId: 'no-dangerous-capabilities',
    name: 'adds only NET_BIND_SERVICE',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.containers[0].securityContext.capabilities.add =
            ['NET_BIND_SERVICE']),
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'no-dangerous-capabilities',
    name: 'adds SYS_ADMIN and CAP_NET_RAW',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.containers[0].securityContext.capabilities.add =
            ['CHOWN', 'SYS_ADMIN', 'CAP_NET_RAW']),
      ),
    ],
    expect: 'failed',
    message: /adds SYS_ADMIN, NET_RAW/,
    fieldPaths: [
      `${C0}.securityContext.capabilities.add[1]`,
      `${C0}.securityContext.capabilities.add[2]`,
    ],
  },
  {
    checkId: 'seccomp-profile',
    name: 'pod-level RuntimeDefault',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'seccomp-profile',
    name: 'container-level Localhost without a pod profile',
    objects: [
      deployment(d => {
        delete d.spec.template.spec.securityContext.seccompProfile;
        d.spec.template.spec.containers[0].securityContext.seccompProfile = {
          type: 'Localhost',
          localhostProfile: 'profiles/app.json',
        };
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'seccomp-profile',
    name: 'no profile anywhere',
    objects: [
      deployment(
        d => delete d.spec.template.spec.securityContext.seccompProfile,
      ),
    ],
    expect: 'failed',
    message: /no seccomp profile/,
    fieldPaths: ['spec.template.spec.securityContext.seccompProfile.type'],
  },
  {
    checkId: 'seccomp-profile',
    name: 'container overrides the pod with Unconfined',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.containers[0].securityContext.seccompProfile = {
            type: 'Unconfined',
          }),
      ),
    ],
    expect: 'failed',
    message: /seccomp profile Unconfined/,
    fieldPaths: [`${C0}.securityContext.seccompProfile.type`],
  },
  {
    checkId: 'read-only-root-filesystem',
    name: 'read-only root',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'read-only-root-filesystem',
    name: 'writable root',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem =
            false),
      ),
    ],
    expect: 'failed',
    fieldPaths: [`${C0}.securityContext.readOnlyRootFilesystem`],
  },
  {
    checkId: 'no-host-network',
    name: 'no hostNetwork',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'no-host-network',
    name: 'hostNetwork true',
    objects: [deployment(d => (d.spec.template.spec.hostNetwork = true))],
    expect: 'failed',
    fieldPaths: ['spec.template.spec.hostNetwork'],
  },
  {
    checkId: 'no-host-pid',
    name: 'no hostPID',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'no-host-pid',
    name: 'hostPID true on a bare pod',
    objects: [workload('Pod', p => (p.spec.hostPID = true))],
    expect: 'failed',
    fieldPaths: ['spec.hostPID'],
  },
  {
    checkId: 'no-host-ipc',
    name: 'no hostIPC',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'no-host-ipc',
    name: 'hostIPC true in a CronJob',
    objects: [
      workload(
        'CronJob',
        c => (c.spec.jobTemplate.spec.template.spec.hostIPC = true),
      ),
    ],
    expect: 'failed',
    fieldPaths: ['spec.jobTemplate.spec.template.spec.hostIPC'],
  },
  {
    checkId: 'no-host-path',
    name: 'emptyDir only',
    objects: [
      deployment(
        d => (d.spec.template.spec.volumes = [{ name: 'tmp', emptyDir: {} }]),
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'no-host-path',
    name: 'mounts /var/run/docker.sock',
    objects: [
      deployment(
        d =>
          (d.spec.template.spec.volumes = [
            { name: 'tmp', emptyDir: {} },
            { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
          ]),
      ),
    ],
    expect: 'failed',
    message: /docker \(\/var\/run\/docker.sock\)/,
    fieldPaths: ['spec.template.spec.volumes[1].hostPath'],
  },
  {
    checkId: 'no-automount-service-account-token',
    name: 'pod disables it',
    objects: [deployment()],
    expect: 'passed',
  },
  {
    checkId: 'no-automount-service-account-token',
    name: 'the ServiceAccount disables it',
    objects: [
      deployment(d => {
        delete d.spec.template.spec.automountServiceAccountToken;
        d.spec.template.spec.serviceAccountName = 'web';
      }),
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'web', namespace: 'team-a' },
        automountServiceAccountToken: false,
      },
    ],
    expect: 'passed',
  },
  {
    checkId: 'no-automount-service-account-token',
    name: 'unset on pod and default ServiceAccount',
    objects: [
      deployment(d => delete d.spec.template.spec.automountServiceAccountToken),
    ],
    expect: 'failed',
    message: /ServiceAccount default/,
    fieldPaths: ['spec.template.spec.automountServiceAccountToken'],
  },
];

import { PodLike } from '../types';
import { app, hardenedContainer, init, pod } from './pods';

/**
 * For every control: pods it admits and pods it refuses, with the refusal in upstream's words.
 * Each pod starts restricted-compliant, so a refusal names only the control under test.
 */
export interface ControlCases {
  pass: Array<[string, PodLike]>;
  fail: Array<[string, PodLike, { name: string; message: string }]>;
}

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/app';

export const controlCases: Record<string, ControlCases> = {
  hostNamespaces: {
    pass: [
      [
        'host namespaces set to false',
        pod(s =>
          Object.assign(s, {
            hostNetwork: false,
            hostPID: false,
            hostIPC: false,
          }),
        ),
      ],
    ],
    fail: [
      [
        'hostNetwork',
        pod(s => {
          s.hostNetwork = true;
        }),
        { name: 'host namespaces', message: 'hostNetwork=true' },
      ],
      [
        'all three',
        pod(s =>
          Object.assign(s, { hostIPC: true, hostPID: true, hostNetwork: true }),
        ),
        {
          name: 'host namespaces',
          message: 'hostNetwork=true, hostPID=true, hostIPC=true',
        },
      ],
    ],
  },
  privileged: {
    pass: [
      [
        'privileged: false',
        pod(s => {
          app(s).privileged = false;
        }),
      ],
    ],
    fail: [
      [
        'privileged app and init containers',
        pod(s => {
          app(s).privileged = true;
          init(s).privileged = true;
        }),
        {
          name: 'privileged',
          message:
            'containers "init", "app" must not set securityContext.privileged=true',
        },
      ],
      [
        'a privileged ephemeral container',
        pod(s => {
          s.ephemeralContainers = [
            {
              ...hardenedContainer('debug'),
              securityContext: {
                ...hardenedContainer('debug').securityContext,
                privileged: true,
              },
            },
          ];
        }),
        {
          name: 'privileged',
          message:
            'container "debug" must not set securityContext.privileged=true',
        },
      ],
    ],
  },
  capabilities_baseline: {
    pass: [
      [
        'default capabilities added',
        pod(s => {
          app(s).capabilities.add = ['CHOWN', 'NET_BIND_SERVICE', 'SETUID'];
        }),
      ],
    ],
    fail: [
      [
        'NET_RAW, SYS_ADMIN and NET_ADMIN added',
        pod(s => {
          app(s).capabilities.add = ['SYS_ADMIN', 'NET_RAW'];
          init(s).capabilities.add = ['NET_ADMIN'];
        }),
        {
          name: 'non-default capabilities',
          message:
            'containers "init", "app" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
        },
      ],
    ],
  },
  hostPathVolumes: {
    pass: [
      [
        'a configMap volume',
        pod(s => {
          s.volumes = [{ name: 'config', configMap: { name: 'app' } }];
        }),
      ],
    ],
    fail: [
      [
        'two hostPath volumes',
        pod(s => {
          s.volumes = [
            { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
            { name: 'scratch', emptyDir: {} },
            { name: 'logs', hostPath: { path: '/var/log' } },
          ];
        }),
        { name: 'hostPath volumes', message: 'volumes "docker", "logs"' },
      ],
    ],
  },
  hostPorts: {
    pass: [
      [
        'container ports without hostPort, or hostPort 0',
        pod(s => {
          s.containers[0].ports = [
            { containerPort: 8080 },
            { containerPort: 9090, hostPort: 0 },
          ];
        }),
      ],
    ],
    fail: [
      [
        'host ports on two containers (listed in string order, as upstream sorts them)',
        pod(s => {
          s.containers[0].ports = [
            { containerPort: 8080, hostPort: 8080 },
            { containerPort: 9, hostPort: 9 },
          ];
          s.initContainers[0].ports = [{ containerPort: 80, hostPort: 80 }];
        }),
        {
          name: 'hostPort',
          message: 'containers "init", "app" use hostPorts 80, 8080, 9',
        },
      ],
      [
        'one host port',
        pod(s => {
          s.containers[0].ports = [
            { containerPort: 53, hostPort: 53, protocol: 'UDP' },
          ];
        }),
        { name: 'hostPort', message: 'container "app" uses hostPort 53' },
      ],
    ],
  },
  hostProbesAndHostLifecycle: {
    pass: [
      [
        'probes and hooks without host',
        pod(s => {
          s.containers[0].livenessProbe = {
            httpGet: { path: '/healthz', port: 8080, host: '' },
          };
          s.containers[0].lifecycle = {
            preStop: { httpGet: { path: '/drain', port: 8080 } },
          };
        }),
      ],
    ],
    fail: [
      [
        'a tcpSocket probe and a preStop hook aimed at other hosts',
        pod(s => {
          s.containers[0].readinessProbe = {
            tcpSocket: { host: '10.0.0.1', port: 5432 },
          };
          s.initContainers[0].lifecycle = {
            preStop: {
              httpGet: {
                host: 'metadata.google.internal',
                path: '/',
                port: 80,
              },
            },
          };
        }),
        {
          name: 'probe or lifecycle host',
          message:
            'containers "app", "init" use probe or lifecycle hosts "10.0.0.1", "metadata.google.internal"',
        },
      ],
    ],
  },
  appArmorProfile: {
    pass: [
      [
        'RuntimeDefault and Localhost profiles and a localhost annotation',
        pod((s, a) => {
          (s.securityContext as any).appArmorProfile = {
            type: 'RuntimeDefault',
          };
          app(s).appArmorProfile = {
            type: 'Localhost',
            localhostProfile: 'k8s-app',
          };
          a[APPARMOR] = 'localhost/k8s-app';
        }),
      ],
    ],
    fail: [
      [
        'an Unconfined container',
        pod(s => {
          app(s).appArmorProfile = { type: 'Unconfined' };
        }),
        {
          name: 'forbidden AppArmor profile',
          message:
            'container "app" must not set AppArmor profile type to "Unconfined"',
        },
      ],
      [
        'an Unconfined pod and an unconfined annotation',
        pod((s, a) => {
          (s.securityContext as any).appArmorProfile = { type: 'Unconfined' };
          a[APPARMOR] = 'unconfined';
        }),
        {
          name: 'forbidden AppArmor profiles',
          message: `pod and annotation must not set AppArmor profile type to "Unconfined", "${APPARMOR}="unconfined""`,
        },
      ],
    ],
  },
  seLinuxOptions: {
    pass: [
      [
        'container_t with an MCS level',
        pod(s => {
          (s.securityContext as any).seLinuxOptions = {
            type: 'container_t',
            level: 's0:c123,c456',
          };
        }),
      ],
    ],
    fail: [
      [
        'spc_t on the pod, user and role on a container',
        pod(s => {
          (s.securityContext as any).seLinuxOptions = { type: 'spc_t' };
          app(s).seLinuxOptions = { user: 'system_u', role: 'system_r' };
        }),
        {
          name: 'seLinuxOptions',
          message:
            'pod and container "app" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set',
        },
      ],
    ],
  },
  procMount: {
    pass: [
      [
        'procMount Default',
        pod(s => {
          app(s).procMount = 'Default';
        }),
      ],
    ],
    fail: [
      [
        'procMount Unmasked',
        pod(s => {
          app(s).procMount = 'Unmasked';
        }),
        {
          name: 'procMount',
          message:
            'container "app" must not set securityContext.procMount to "Unmasked"',
        },
      ],
    ],
  },
  seccompProfile_baseline: {
    pass: [
      [
        'Localhost on the pod, RuntimeDefault on a container',
        pod(s => {
          s.securityContext.seccompProfile = {
            type: 'Localhost',
            localhostProfile: 'profiles/app.json',
          } as any;
          app(s).seccompProfile = { type: 'RuntimeDefault' };
        }),
      ],
    ],
    fail: [
      [
        'Unconfined on the pod and a container',
        pod(s => {
          s.securityContext.seccompProfile = { type: 'Unconfined' };
          init(s).seccompProfile = { type: 'Unconfined' };
        }),
        {
          name: 'seccompProfile',
          message:
            'pod and container "init" must not set securityContext.seccompProfile.type to "Unconfined"',
        },
      ],
    ],
  },
  sysctls: {
    pass: [
      [
        'safe sysctls',
        pod(s => {
          (s.securityContext as any).sysctls = [
            { name: 'kernel.shm_rmid_forced', value: '1' },
            { name: 'net.ipv4.tcp_notsent_lowat', value: '16384' },
          ];
        }),
      ],
    ],
    fail: [
      [
        'node-wide sysctls',
        pod(s => {
          (s.securityContext as any).sysctls = [
            { name: 'kernel.msgmax', value: '65536' },
            { name: 'kernel.shm_rmid_forced', value: '1' },
            { name: 'net.core.somaxconn', value: '1024' },
          ];
        }),
        {
          name: 'forbidden sysctls',
          message: 'kernel.msgmax, net.core.somaxconn',
        },
      ],
    ],
  },
  windowsHostProcess: {
    pass: [
      [
        'hostProcess: false',
        pod(s => {
          app(s).windowsOptions = {
            hostProcess: false,
            runAsUserName: 'ContainerUser',
          };
        }),
      ],
    ],
    fail: [
      [
        'hostProcess on the pod and a container',
        pod(s => {
          (s.securityContext as any).windowsOptions = { hostProcess: true };
          app(s).windowsOptions = { hostProcess: true };
        }),
        {
          name: 'hostProcess',
          message:
            'pod and container "app" must not set securityContext.windowsOptions.hostProcess=true',
        },
      ],
    ],
  },
  restrictedVolumes: {
    pass: [
      [
        'every allowed volume type, and a volume the API server defaults to emptyDir',
        pod(s => {
          s.volumes = [
            { name: 'a', configMap: { name: 'c' } },
            { name: 'b', secret: { secretName: 's' } },
            { name: 'c', projected: { sources: [] } },
            { name: 'd', downwardAPI: { items: [] } },
            { name: 'e', persistentVolumeClaim: { claimName: 'data' } },
            { name: 'f', csi: { driver: 'secrets-store.csi.k8s.io' } },
            { name: 'g', ephemeral: { volumeClaimTemplate: {} } },
            { name: 'h', image: { reference: 'registry.example/data:1' } },
            { name: 'i', emptyDir: { medium: 'Memory' } },
            { name: 'j' } as any,
          ];
        }),
      ],
    ],
    fail: [
      [
        'nfs, gitRepo and cephfs volumes',
        pod(s => {
          s.volumes = [
            { name: 'share', nfs: { server: 'nas', path: '/' } },
            { name: 'scratch', emptyDir: {} },
            { name: 'src', gitRepo: { repository: 'x' } },
            { name: 'ceph', cephfs: { monitors: ['10.0.0.1:6789'] } },
          ] as any;
        }),
        {
          name: 'restricted volume types',
          message:
            'volumes "share", "src", "ceph" use restricted volume types "cephfs", "gitRepo", "nfs"',
        },
      ],
    ],
  },
  allowPrivilegeEscalation: {
    pass: [['allowPrivilegeEscalation: false everywhere', pod()]],
    fail: [
      [
        'unset on one container, true on another',
        pod(s => {
          delete app(s).allowPrivilegeEscalation;
          init(s).allowPrivilegeEscalation = true;
        }),
        {
          name: 'allowPrivilegeEscalation != false',
          message:
            'containers "init", "app" must set securityContext.allowPrivilegeEscalation=false',
        },
      ],
    ],
  },
  runAsNonRoot: {
    pass: [
      [
        'set on every container instead of the pod',
        pod(s => {
          delete (s.securityContext as any).runAsNonRoot;
          app(s).runAsNonRoot = true;
          init(s).runAsNonRoot = true;
        }),
      ],
    ],
    fail: [
      [
        'unset on the pod and one container',
        pod(s => {
          delete (s.securityContext as any).runAsNonRoot;
          init(s).runAsNonRoot = true;
        }),
        {
          name: 'runAsNonRoot != true',
          message:
            'pod or container "app" must set securityContext.runAsNonRoot=true',
        },
      ],
      [
        'false on the pod and a container',
        pod(s => {
          s.securityContext.runAsNonRoot = false;
          init(s).runAsNonRoot = false;
        }),
        {
          name: 'runAsNonRoot != true',
          message:
            'pod and container "init" must not set securityContext.runAsNonRoot=false',
        },
      ],
    ],
  },
  runAsUser: {
    pass: [
      [
        'non-zero UIDs',
        pod(s => {
          (s.securityContext as any).runAsUser = 1000;
          app(s).runAsUser = 65532;
        }),
      ],
    ],
    fail: [
      [
        'UID 0 on the pod and a container',
        pod(s => {
          (s.securityContext as any).runAsUser = 0;
          app(s).runAsUser = 0;
        }),
        {
          name: 'runAsUser=0',
          message: 'pod and container "app" must not set runAsUser=0',
        },
      ],
    ],
  },
  seccompProfile_restricted: {
    pass: [
      [
        'set on every container instead of the pod',
        pod(s => {
          delete (s.securityContext as any).seccompProfile;
          app(s).seccompProfile = { type: 'RuntimeDefault' };
          init(s).seccompProfile = {
            type: 'Localhost',
            localhostProfile: 'p.json',
          };
        }),
      ],
    ],
    fail: [
      [
        'unset on the pod and one container',
        pod(s => {
          delete (s.securityContext as any).seccompProfile;
          init(s).seccompProfile = { type: 'RuntimeDefault' };
        }),
        {
          name: 'seccompProfile',
          message:
            'pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
        },
      ],
    ],
  },
  capabilities_restricted: {
    pass: [
      [
        'drop ALL, add NET_BIND_SERVICE',
        pod(s => {
          app(s).capabilities.add = ['NET_BIND_SERVICE'];
        }),
      ],
    ],
    fail: [
      [
        'drops missing and CHOWN added',
        pod(s => {
          app(s).capabilities = { drop: ['NET_RAW'], add: ['CHOWN'] };
          delete init(s).capabilities;
        }),
        {
          name: 'unrestricted capabilities',
          message:
            'containers "init", "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "CHOWN" in securityContext.capabilities.add',
        },
      ],
    ],
  },
  procMount_restricted: {
    pass: [
      [
        'procMount Default in a user namespace',
        pod(s => {
          s.hostUsers = false;
          app(s).procMount = 'Default';
        }),
      ],
    ],
    fail: [
      [
        'procMount Unmasked in a user namespace (baseline allows it from v1.35)',
        pod(s => {
          s.hostUsers = false;
          app(s).procMount = 'Unmasked';
        }),
        {
          name: 'procMount',
          message:
            'container "app" must not set securityContext.procMount to "Unmasked"',
        },
      ],
    ],
  },
};

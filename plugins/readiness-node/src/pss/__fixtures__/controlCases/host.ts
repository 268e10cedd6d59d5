import { ControlCases } from './types';
import { pod } from '../pods';

/** Host namespaces, host paths, host ports and probe or lifecycle hosts. */
export const hostCases: Record<string, ControlCases> = {
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
};

import { ControlCases } from './types';
import { app, pod } from '../pods';

/** /proc mount types and sysctls. */
export const procAndSysctlsCases: Record<string, ControlCases> = {
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
};

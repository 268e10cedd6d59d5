import { ControlCases } from './types';
import { app, init, pod } from '../pods';

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/app';

/** AppArmor, SELinux and seccomp profiles. */
export const profilesCases: Record<string, ControlCases> = {
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
};

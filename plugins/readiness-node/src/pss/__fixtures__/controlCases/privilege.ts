import { ControlCases } from './types';
import { app, hardenedContainer, init, pod } from '../pods';

/** Privileged containers, capabilities, privilege escalation and Windows HostProcess. */
export const privilegeCases: Record<string, ControlCases> = {
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
};

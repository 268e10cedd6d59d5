import { ControlCases } from './types';
import { app, init, pod } from '../pods';

/** Running as non-root and as a non-zero user id. */
export const usersCases: Record<string, ControlCases> = {
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
};

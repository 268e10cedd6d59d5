import type {
  ReadinessPodSecurityControl,
  ReadinessPodSecurityNamespace,
} from '../api/types';

const control = (
  id: string,
  name: string,
  message: string,
): ReadinessPodSecurityControl => ({ id, name, message });

const PRIVILEGED = control(
  'privileged',
  'privileged',
  'container "web" must not set securityContext.privileged=true',
);
const HOST_NAMESPACES = control(
  'hostNamespaces',
  'host namespaces',
  'hostNetwork=true',
);
const RUN_AS_NON_ROOT = control(
  'runAsNonRoot',
  'runAsNonRoot != true',
  'pod or container "web" must set securityContext.runAsNonRoot=true',
);

/** A namespace of cluster `prod` nothing refuses, enforcing nothing. */
export function podSecurityNamespace(
  overrides: Partial<ReadinessPodSecurityNamespace> = {},
): ReadinessPodSecurityNamespace {
  return {
    cluster: 'prod',
    namespace: 'shop',
    owners: ['group:default/team-a'],
    labels: {},
    enforce: 'privileged',
    version: 'v1.37',
    workloadCount: 1,
    possibleLevel: 'restricted',
    refused: { baseline: [], restricted: [] },
    warnings: [],
    scannedAt: '2030-05-01T12:00:00Z',
    ...overrides,
  };
}

/**
 * The Pod Security view of `prod` and `staging`: shop could enforce restricted; legacy runs a
 * privileged workload on the host network (refused at baseline and restricted); payments
 * enforces baseline and one of its workloads runs as root; runners already enforce restricted.
 */
export const podSecurityNamespaces: ReadinessPodSecurityNamespace[] = [
  podSecurityNamespace(),
  podSecurityNamespace({
    namespace: 'legacy',
    possibleLevel: 'privileged',
    refused: {
      baseline: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'legacy-web',
          entityRefs: ['component:default/legacy-web'],
          controls: [HOST_NAMESPACES, PRIVILEGED],
        },
      ],
      restricted: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'legacy-web',
          entityRefs: ['component:default/legacy-web'],
          controls: [HOST_NAMESPACES, PRIVILEGED, RUN_AS_NON_ROOT],
        },
      ],
    },
  }),
  podSecurityNamespace({
    namespace: 'payments',
    owners: ['group:default/team-b'],
    labels: { enforce: 'baseline', enforceVersion: 'v1.30' },
    enforce: 'baseline',
    version: 'v1.30',
    workloadCount: 2,
    possibleLevel: 'baseline',
    refused: {
      restricted: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          name: 'debug',
          entityRefs: [],
          controls: [RUN_AS_NON_ROOT],
        },
      ],
    },
  }),
  podSecurityNamespace({
    cluster: 'staging',
    namespace: 'runners',
    owners: [],
    labels: { enforce: 'restricted' },
    enforce: 'restricted',
    workloadCount: 0,
    refused: {},
  }),
];

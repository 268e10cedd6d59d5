import { CheckCase } from '../runCheck';
import { binding, condition, hoursAgo, role } from '../builders';

const reader = role('Role', 'reader', [
  {
    apiGroups: [''],
    resources: ['pods', 'configmaps'],
    verbs: ['get', 'list'],
  },
]);
const user = (name: string) => ({
  kind: 'User',
  name,
  apiGroup: 'rbac.authorization.k8s.io',
});
const group = (name: string) => ({
  kind: 'Group',
  name,
  apiGroup: 'rbac.authorization.k8s.io',
});

function externalSecret(
  status: object | undefined,
  spec: object = {},
  apiVersion = 'external-secrets.io/v1beta1',
) {
  return {
    apiVersion,
    kind: 'ExternalSecret',
    metadata: { name: 'db', namespace: 'team-a' },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      ...spec,
    },
    ...(status && { status }),
  };
}

const synced = (refreshTime: string) => ({
  refreshTime,
  conditions: [condition('Ready', 'True', 'SecretSynced', 'Secret was synced')],
});

function sealedSecret(status?: object) {
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: 'db', namespace: 'team-a' },
    spec: { encryptedData: { password: 'AgB...' } },
    ...(status && { status }),
  };
}

/** Pass and fail scenarios for RBAC and secret-sync checks. */
export const rbacAndSecretsCases: CheckCase[] = [
  {
    checkId: 'rbac-no-wildcards',
    name: 'explicit verbs and resources',
    objects: [reader],
    expect: 'passed',
  },
  {
    checkId: 'rbac-no-wildcards',
    name: 'wildcard verbs, bound to a user',
    objects: [
      role('ClusterRole', 'ops', [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
      ]),
      binding(
        'ClusterRoleBinding',
        'ops',
        { kind: 'ClusterRole', name: 'ops' },
        [user('jane')],
      ),
    ],
    expect: 'failed',
    message: /grants "\*" \(bound to User jane\)/,
    fieldPaths: ['rules[0].verbs'],
  },
  {
    checkId: 'rbac-no-wildcards',
    name: "Kubernetes' own roles are not judged",
    objects: [
      role('ClusterRole', 'system:controller:foo', [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      ]),
    ],
    expect: 'none',
  },
  {
    checkId: 'rbac-cluster-admin-binding',
    name: 'cluster-admin bound to system:masters',
    objects: [
      binding(
        'ClusterRoleBinding',
        'cluster-admin',
        { kind: 'ClusterRole', name: 'cluster-admin' },
        [group('system:masters')],
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'rbac-cluster-admin-binding',
    name: 'cluster-admin bound to a team group',
    objects: [
      binding(
        'ClusterRoleBinding',
        'platform-admins',
        { kind: 'ClusterRole', name: 'cluster-admin' },
        [group('system:masters'), group('platform')],
      ),
    ],
    expect: 'failed',
    message: /cluster-admin is bound to Group platform/,
    fieldPaths: ['subjects[1]'],
  },
  {
    checkId: 'rbac-cluster-admin-binding',
    name: 'a RoleBinding to a ClusterRole equivalent to cluster-admin',
    objects: [
      role('ClusterRole', 'god', [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      ]),
      binding('RoleBinding', 'dev-god', { kind: 'ClusterRole', name: 'god' }, [
        { kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' },
      ]),
    ],
    expect: 'failed',
    message: /god is bound to ServiceAccount ci/,
  },
  {
    checkId: 'rbac-pod-exec',
    name: 'no exec',
    objects: [reader],
    expect: 'passed',
  },
  {
    checkId: 'rbac-pod-exec',
    name: 'create on pods/exec',
    objects: [
      role('Role', 'debugger', [
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        {
          apiGroups: [''],
          resources: ['pods/exec', 'pods/attach'],
          verbs: ['create'],
        },
      ]),
    ],
    expect: 'failed',
    fieldPaths: ['rules[1]'],
  },
  {
    checkId: 'rbac-secrets-list',
    name: 'get on a named secret',
    objects: [
      role('Role', 'app', [
        {
          apiGroups: [''],
          resources: ['secrets'],
          resourceNames: ['db'],
          verbs: ['get'],
        },
      ]),
    ],
    expect: 'passed',
  },
  {
    checkId: 'rbac-secrets-list',
    name: 'watch on secrets',
    objects: [
      role('ClusterRole', 'watcher', [
        { apiGroups: [''], resources: ['secrets'], verbs: ['watch'] },
      ]),
    ],
    expect: 'failed',
    message: /can list or watch secrets/,
    fieldPaths: ['rules[0]'],
  },
  {
    checkId: 'external-secret-synced',
    name: 'Ready with SecretSynced (v1)',
    objects: [
      externalSecret(synced(hoursAgo(0.5)), {}, 'external-secrets.io/v1'),
    ],
    expect: 'passed',
  },
  {
    checkId: 'external-secret-synced',
    name: 'Ready=False with the provider error',
    objects: [
      externalSecret({
        conditions: [
          condition(
            'Ready',
            'False',
            'SecretSyncedError',
            'could not get secret data from provider',
          ),
        ],
      }),
    ],
    expect: 'failed',
    message:
      /not synced: SecretSyncedError — could not get secret data from provider/,
    fieldPaths: ['status.conditions[0]'],
  },
  {
    checkId: 'external-secret-synced',
    name: 'rendered manifest without status',
    objects: [externalSecret(undefined)],
    expect: 'none',
  },
  {
    checkId: 'external-secret-fresh',
    name: 'refreshed 30 minutes ago',
    objects: [externalSecret(synced(hoursAgo(0.5)))],
    expect: 'passed',
  },
  {
    checkId: 'external-secret-fresh',
    name: 'refreshed 5 hours ago with a 1h interval',
    objects: [externalSecret(synced(hoursAgo(5)))],
    expect: 'failed',
    message: /last refreshed 5h ago \(allowed: 2h\)/,
    fieldPaths: ['status.refreshTime'],
  },
  {
    checkId: 'external-secret-fresh',
    name: 'a configured max age of 6h',
    objects: [externalSecret(synced(hoursAgo(5)))],
    options: { settings: { externalSecretMaxAgeSeconds: 6 * 3600 } },
    expect: 'passed',
  },
  {
    checkId: 'external-secret-fresh',
    name: 'refreshInterval 0 syncs once',
    objects: [externalSecret(synced(hoursAgo(500)), { refreshInterval: '0' })],
    expect: 'none',
  },
  {
    checkId: 'sealed-secret-synced',
    name: 'Synced',
    objects: [sealedSecret({ conditions: [condition('Synced', 'True')] })],
    expect: 'passed',
  },
  {
    checkId: 'sealed-secret-synced',
    name: 'cannot decrypt',
    objects: [
      sealedSecret({
        conditions: [
          condition(
            'Synced',
            'False',
            'ErrUnsealFailed',
            'no key could decrypt secret',
          ),
        ],
      }),
    ],
    expect: 'failed',
    message: /no key could decrypt secret/,
  },
];

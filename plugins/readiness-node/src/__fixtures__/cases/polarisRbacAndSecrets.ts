import { CheckCase } from '../runCheck';
import { binding, configMap, deployment, role } from '../builders';

const C0 = 'spec.template.spec.containers[0]';
const PEM =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----\n';

const withEnv = (env: Array<Record<string, unknown>>) =>
  deployment(d => (d.spec.template.spec.containers[0].env = env));
const user = (name: string) => ({
  kind: 'User',
  name,
  apiGroup: 'rbac.authorization.k8s.io',
});
const execRole = (kind: 'Role' | 'ClusterRole', name = 'debugger') =>
  role(kind, name, [
    {
      apiGroups: [''],
      resources: ['pods', 'pods/exec'],
      verbs: ['get', 'create'],
    },
  ]);
const reader = role('Role', 'reader', [
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
]);

/** Pass and fail scenarios for the RBAC and plaintext-credential checks added for Polaris. */
export const polarisRbacAndSecretsCases: CheckCase[] = [
  {
    checkId: 'no-credentials-in-env',
    name: 'a password read from a Secret',
    objects: [
      withEnv([
        {
          name: 'DB_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
        },
      ]),
    ],
    expect: 'passed',
  },
  {
    checkId: 'no-credentials-in-env',
    name: 'names about credentials, not credentials',
    objects: [
      withEnv([
        { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db/password' },
        { name: 'TOKEN_TTL', value: '3600' },
        { name: 'SECRET_NAME', value: 'db-credentials' },
        { name: 'OAUTH_TOKEN_URL', value: 'https://id.example.com/token' },
        {
          name: 'GOOGLE_APPLICATION_CREDENTIALS',
          value: '/var/secrets/key.json',
        },
        { name: 'DATABASE_PASSWORD', value: '$(DB_PASSWORD)' },
        { name: 'TOKEN_REFRESH', value: 'true' },
        { name: 'LOG_LEVEL', value: 'debug' },
      ]),
    ],
    expect: 'passed',
  },
  {
    checkId: 'no-credentials-in-env',
    name: 'a plaintext password and an AWS key',
    objects: [
      withEnv([
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'DB_PASSWORD', value: 'hunter2' },
        { name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG' },
      ]),
    ],
    expect: 'failed',
    message:
      /^Container "app" sets DB_PASSWORD, AWS_SECRET_ACCESS_KEY as a plain value/,
    fieldPaths: [`${C0}.env[1].value`, `${C0}.env[2].value`],
    container: 'app',
  },
  {
    checkId: 'no-credentials-in-env',
    name: 'a private key under a harmless name',
    objects: [withEnv([{ name: 'TLS_KEY_DATA', value: PEM }])],
    expect: 'failed',
    message: /TLS_KEY_DATA/,
  },
  {
    checkId: 'no-credentials-in-env',
    name: 'a bearer token in an init container',
    objects: [
      deployment(d => {
        d.spec.template.spec.initContainers = [
          {
            name: 'fetch',
            image: 'curl:8.8.0',
            env: [{ name: 'API_BEARER', value: 'eyJhbGciOi' }],
          },
        ];
      }),
    ],
    expect: 'failed',
    container: 'fetch',
  },
  {
    checkId: 'no-credentials-in-configmaps',
    name: 'a ConfigMap without data',
    objects: [configMap('empty', {})],
    expect: 'none',
  },
  {
    checkId: 'no-credentials-in-configmaps',
    name: 'settings only',
    objects: [
      configMap('settings', {
        LOG_LEVEL: 'info',
        TOKEN_TTL: '3600',
        'app.yaml': 'port: 8080\n',
        'ca.crt':
          '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      }),
    ],
    expect: 'passed',
  },
  {
    checkId: 'no-credentials-in-configmaps',
    name: 'a client secret and a private key',
    objects: [
      configMap('settings', {
        LOG_LEVEL: 'info',
        'client-secret.json': '{"secret": "s3cr3t"}',
        'tls.key': PEM,
      }),
    ],
    expect: 'failed',
    message: /holds client-secret.json, tls.key/,
    fieldPaths: ["data['client-secret.json']", "data['tls.key']"],
  },
  {
    checkId: 'rbac-pod-exec',
    name: 'a ClusterRole granting create on pods/exec',
    objects: [execRole('ClusterRole')],
    expect: 'failed',
    fieldPaths: ['rules[0]'],
  },
  {
    checkId: 'rbac-pod-exec-binding',
    name: 'a binding to a read-only role',
    objects: [
      reader,
      binding('RoleBinding', 'read', { kind: 'Role', name: 'reader' }, [
        user('jane'),
      ]),
    ],
    expect: 'passed',
  },
  {
    checkId: 'rbac-pod-exec-binding',
    name: 'a RoleBinding of the built-in edit ClusterRole',
    objects: [
      binding('RoleBinding', 'devs', { kind: 'ClusterRole', name: 'edit' }, [
        user('jane'),
      ]),
    ],
    expect: 'failed',
    message: /ClusterRole edit grants pods\/exec or pods\/attach to User jane/,
    fieldPaths: ['subjects[0]'],
  },
  {
    checkId: 'rbac-pod-exec-binding',
    name: 'a RoleBinding of a Role with exec',
    objects: [
      execRole('Role'),
      binding('RoleBinding', 'debug', { kind: 'Role', name: 'debugger' }, [
        { kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' },
      ]),
    ],
    expect: 'failed',
    message: /ServiceAccount ci/,
  },
  {
    checkId: 'rbac-pod-exec-binding',
    name: 'a ClusterRoleBinding of an exec ClusterRole to system subjects only',
    objects: [
      execRole('ClusterRole'),
      binding(
        'ClusterRoleBinding',
        'debug',
        { kind: 'ClusterRole', name: 'debugger' },
        [{ kind: 'Group', name: 'system:masters' }],
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'rbac-pod-exec-binding',
    name: 'a Role of the same name in another namespace does not count',
    objects: [
      execRole('Role'),
      binding(
        'RoleBinding',
        'debug',
        { kind: 'Role', name: 'debugger' },
        [user('jane')],
        'team-b',
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'rbac-cluster-admin-binding',
    name: 'a RoleBinding of a Role granting all seven verbs on everything',
    objects: [
      role('Role', 'god', [
        {
          apiGroups: ['*'],
          resources: ['*'],
          verbs: [
            'get',
            'list',
            'watch',
            'create',
            'update',
            'patch',
            'delete',
          ],
        },
      ]),
      binding('RoleBinding', 'god', { kind: 'Role', name: 'god' }, [
        user('jane'),
      ]),
    ],
    expect: 'failed',
    message: /god is bound to User jane/,
    fieldPaths: ['subjects[0]'],
  },
];

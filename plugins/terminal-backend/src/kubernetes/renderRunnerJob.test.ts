import { ConfigReader } from '@backstage/config';
import { evaluate } from '@hatchway/plugin-readiness-node';
import { readTerminalConfig } from '../config/readTerminalConfig';
import { newTtydCredential, renderRunnerJob } from './renderRunnerJob';

const options = readTerminalConfig(
  new ConfigReader({
    terminal: {
      profiles: {
        shell: {
          title: 'Shell',
          image:
            'ghcr.io/hatchway/runner@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          command: ['bash', '-l'],
          env: { EDITOR: 'vi' },
          maxLifetimeSeconds: 3600,
        },
      },
    },
  }),
);
const profile = options.profiles.get('shell')!;

function render(purpose: Parameters<typeof renderRunnerJob>[0]['purpose']) {
  return renderRunnerJob({
    jobName: 'term-abc',
    namespace: 'hatchway-runners',
    profile,
    purpose,
    credential: 'hatchway:secret',
    ttlSecondsAfterFinished: 60,
  });
}

/**
 * The runner namespace's egress policy (shipped by charts/hatchway, not this plugin): runners
 * reach anything but the cloud metadata endpoint. The engine checks the namespace has one.
 */
const RUNNER_NAMESPACE_POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'runners-deny-metadata', namespace: 'hatchway-runners' },
  spec: {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        ],
      },
    ],
  },
};

describe('renderRunnerJob', () => {
  it('renders a hardened runner Job whose Secret holds the credential', () => {
    const { job, secret } = render({
      session: 's-1',
      owner: 'user:default/jane',
    });
    const pod = job.spec!.template.spec!;
    const [container] = pod.containers;
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 3600,
      ttlSecondsAfterFinished: 60,
    });
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      },
    });
    expect(container).toMatchObject({
      args: ['bash', '-l'],
      ports: [{ name: 'ttyd', containerPort: 7681 }],
      readinessProbe: { tcpSocket: { port: 7681 }, periodSeconds: 1 },
      resources: {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '1', memory: '512Mi' },
      },
      securityContext: {
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      },
    });
    expect(container.env).toEqual([
      {
        name: 'TTYD_CREDENTIAL',
        valueFrom: {
          secretKeyRef: { name: 'term-abc-credential', key: 'credential' },
        },
      },
      { name: 'HOME', value: '/home/runner' },
      { name: 'EDITOR', value: 'vi' },
    ]);
    expect(container.volumeMounts!.map(m => m.mountPath)).toEqual([
      '/home/runner',
      '/tmp',
    ]);
    expect(job.metadata!.labels).toEqual({
      'app.kubernetes.io/name': 'hatchway-runner',
      'app.kubernetes.io/component': 'terminal-session',
      'app.kubernetes.io/part-of': 'hatchway',
      'app.kubernetes.io/managed-by': 'hatchway',
      'hatchway.dev/profile': 'shell',
      'hatchway.dev/session': 's-1',
      'hatchway.dev/owner': 'user.default.jane',
    });
    expect(job.spec!.template.metadata!.labels).toEqual(job.metadata!.labels);
    expect(secret).toMatchObject({
      metadata: { name: 'term-abc-credential' },
      stringData: { credential: 'hatchway:secret' },
    });
    // The credential is never in the Job itself.
    expect(JSON.stringify(job)).not.toContain('hatchway:secret');
  });

  it('mounts a vCluster kubeconfig from the Secret when given one', () => {
    const { job, secret } = render({
      session: 's-2',
      owner: 'user:default/jane',
      kubeconfig: 'apiVersion: v1\nkind: Config\n',
    });
    const [container] = job.spec!.template.spec!.containers;
    expect(secret.stringData!.kubeconfig).toBe(
      'apiVersion: v1\nkind: Config\n',
    );
    expect(container.env).toContainEqual({
      name: 'KUBECONFIG',
      value: '/home/runner/.kube/config',
    });
    expect(container.volumeMounts).toContainEqual(
      expect.objectContaining({
        mountPath: '/home/runner/.kube/config',
        subPath: 'kubeconfig',
        readOnly: true,
      }),
    );
  });

  it('passes the readiness engine at profile production without a danger finding', () => {
    for (const purpose of [
      { session: 's-1', owner: 'user:default/jane' },
      { pool: 'warm' as const },
    ]) {
      const { job, secret } = render(purpose);
      const result = evaluate([job, secret, RUNNER_NAMESPACE_POLICY] as any[], {
        profile: 'production',
        now: new Date('2026-11-30T10:00:00Z'),
      });
      const dangers = result.findings.filter(
        f => f.severity === 'danger' && f.status === 'failed',
      );
      expect(dangers).toEqual([]);
      expect(
        result.findings.filter(f => f.status === 'passed').length,
      ).toBeGreaterThan(5);
    }
  });

  it('makes credentials of 32 random bytes', () => {
    const a = newTtydCredential();
    expect(a).toMatch(/^hatchway:[A-Za-z0-9_-]{43}$/);
    expect(newTtydCredential()).not.toBe(a);
  });
});

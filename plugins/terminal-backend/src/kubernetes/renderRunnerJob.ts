import { V1Job, V1Secret } from '@kubernetes/client-node';
import { TTYD_PORT } from '@hatchway/plugin-terminal-common';
import { randomBytes } from 'node:crypto';
import { SessionProfile } from '../config/readTerminalConfig';
import {
  COMMON_RUNNER_LABELS,
  credentialSecretName,
  ownerLabelValue,
  RunnerLabels,
} from './labels';

const RUNNER_UID = 10001;
const HOME = '/home/runner';

/** A fresh ttyd credential (`user:password`): 32 random bytes, never logged nor returned. */
export function newTtydCredential(): string {
  return `hatchway:${randomBytes(32).toString('base64url')}`;
}

/** What a runner Job is for: a session, or the profile's warm pool. */
export type RunnerPurpose =
  | { session: string; owner: string; kubeconfig?: string }
  | { pool: 'warm' };

/** The manifests of one runner: its Job and the Secret with its credential. */
export interface RunnerManifests {
  job: V1Job;
  secret: V1Secret;
}

/**
 * Renders a runner Job and its credential Secret. Pure; the runner image's entrypoint runs
 * `ttyd -W -p 7681 -c "$TTYD_CREDENTIAL" -- tmux new -A -s main <args>`.
 */
export function renderRunnerJob(options: {
  jobName: string;
  namespace: string;
  profile: SessionProfile;
  purpose: RunnerPurpose;
  credential: string;
  ttlSecondsAfterFinished: number;
}): RunnerManifests {
  const { jobName, namespace, profile, purpose } = options;
  const secretName = credentialSecretName(jobName);
  const kubeconfig = 'session' in purpose ? purpose.kubeconfig : undefined;
  const labels: Record<string, string> = {
    ...COMMON_RUNNER_LABELS,
    [RunnerLabels.profile]: profile.name,
    ...('session' in purpose
      ? {
          [RunnerLabels.session]: purpose.session,
          [RunnerLabels.owner]: ownerLabelValue(purpose.owner),
        }
      : { [RunnerLabels.pool]: purpose.pool }),
  };
  const env = [
    {
      name: 'TTYD_CREDENTIAL',
      valueFrom: { secretKeyRef: { name: secretName, key: 'credential' } },
    },
    { name: 'HOME', value: HOME },
    ...Object.entries(profile.env).map(([name, value]) => ({ name, value })),
    ...(kubeconfig
      ? [{ name: 'KUBECONFIG', value: `${HOME}/.kube/config` }]
      : []),
  ];
  const secret: V1Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName, namespace, labels },
    type: 'Opaque',
    stringData: {
      credential: options.credential,
      ...(kubeconfig && { kubeconfig }),
    },
  };
  const job: V1Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName, namespace, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: profile.maxLifetimeSeconds,
      ttlSecondsAfterFinished: options.ttlSecondsAfterFinished,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUNNER_UID,
            runAsGroup: RUNNER_UID,
            fsGroup: RUNNER_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'runner',
              image: profile.image,
              imagePullPolicy: 'IfNotPresent',
              args: profile.command,
              env,
              ports: [{ name: 'ttyd', containerPort: TTYD_PORT }],
              readinessProbe: {
                tcpSocket: { port: TTYD_PORT },
                periodSeconds: 1,
              },
              resources: {
                requests: { ...profile.resources.requests },
                limits: { ...profile.resources.limits },
              },
              securityContext: {
                runAsNonRoot: true,
                runAsUser: RUNNER_UID,
                runAsGroup: RUNNER_UID,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [
                { name: 'home', mountPath: HOME },
                { name: 'tmp', mountPath: '/tmp' },
                ...(kubeconfig
                  ? [
                      {
                        name: 'kubeconfig',
                        mountPath: `${HOME}/.kube/config`,
                        subPath: 'kubeconfig',
                        readOnly: true,
                      },
                    ]
                  : []),
              ],
            },
          ],
          volumes: [
            { name: 'home', emptyDir: { sizeLimit: '1Gi' } },
            { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
            ...(kubeconfig
              ? [
                  {
                    name: 'kubeconfig',
                    secret: { secretName, defaultMode: 0o400 },
                  },
                ]
              : []),
          ],
        },
      },
    },
  };
  return { job, secret };
}

import { CheckCase } from '../runCheck';
import {
  certificate,
  condition,
  deployment,
  runningPod,
  workload,
} from '../builders';

const ok = (name: string, restartCount = 0) => ({
  name,
  ready: true,
  restartCount,
  state: { running: {} },
});
const waiting = (
  name: string,
  reason: string,
  restartCount = 0,
  message?: string,
) => ({
  name,
  ready: false,
  restartCount,
  state: { waiting: { reason, ...(message && { message }) } },
  lastState: { terminated: { reason: 'Error', exitCode: 1 } },
});

function report(
  kind: 'PolicyReport' | 'ClusterPolicyReport',
  results: object[],
  extra: object = {},
) {
  return {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind,
    metadata:
      kind === 'PolicyReport'
        ? { name: 'polr-team-a', namespace: 'team-a' }
        : { name: 'cpolr' },
    results,
    ...extra,
  };
}
const result = (outcome: string, severity?: string) => ({
  policy: 'disallow-privileged-containers',
  rule: 'privileged-containers',
  result: outcome,
  ...(severity && { severity }),
  category: 'Pod Security Standards (Baseline)',
  message: `validation ${outcome}`,
  resources: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'team-a',
    },
  ],
});

const withStatus = (status: object) => deployment(d => (d.status = status));

/** Pass and fail scenarios for policy reports, runtime health and certificates. */
export const statusCases: CheckCase[] = [
  {
    checkId: 'policy-report',
    name: 'pass result',
    objects: [report('PolicyReport', [result('pass')])],
    expect: 'passed',
  },
  {
    checkId: 'policy-report',
    name: 'fail result with high severity',
    objects: [report('PolicyReport', [result('fail', 'high')])],
    expect: 'failed',
    message:
      /disallow-privileged-containers\/privileged-containers: validation fail/,
  },
  {
    checkId: 'policy-report',
    name: 'skip result',
    objects: [report('PolicyReport', [result('skip')])],
    expect: 'skipped',
  },
  {
    checkId: 'policy-report',
    name: 'ClusterPolicyReport scoped to a namespace',
    objects: [
      report(
        'ClusterPolicyReport',
        [
          {
            policy: 'require-labels',
            result: 'warn',
            message: 'label team is required',
          },
        ],
        {
          scope: { apiVersion: 'v1', kind: 'Namespace', name: 'team-a' },
        },
      ),
    ],
    expect: 'failed',
    message: /require-labels: label team is required/,
  },
  {
    checkId: 'pod-crash-loop',
    name: 'running',
    objects: [runningPod('web-1', [ok('app')])],
    expect: 'passed',
  },
  {
    checkId: 'pod-crash-loop',
    name: 'CrashLoopBackOff',
    objects: [
      runningPod('web-1', [ok('proxy'), waiting('app', 'CrashLoopBackOff', 7)]),
    ],
    expect: 'failed',
    message:
      /Container "app" is in CrashLoopBackOff after 7 restarts \(last exit: Error, code 1\)/,
    fieldPaths: ['status.containerStatuses[1].state.waiting.reason'],
    container: 'app',
  },
  {
    checkId: 'pod-crash-loop',
    name: 'rendered pods have no status',
    objects: [workload('Pod')],
    expect: 'none',
  },
  {
    checkId: 'pod-image-pull',
    name: 'pulled',
    objects: [runningPod('web-1', [ok('app')])],
    expect: 'passed',
  },
  {
    checkId: 'pod-image-pull',
    name: 'ImagePullBackOff',
    objects: [
      runningPod('web-1', [
        waiting('app', 'ImagePullBackOff', 0, 'Back-off pulling image "app:2"'),
      ]),
    ],
    expect: 'failed',
    message: /ImagePullBackOff: Back-off pulling image "app:2"/,
  },
  {
    checkId: 'pod-restarts',
    name: '2 restarts',
    objects: [runningPod('web-1', [ok('app', 2)])],
    expect: 'passed',
  },
  {
    checkId: 'pod-restarts',
    name: '12 restarts',
    objects: [runningPod('web-1', [ok('app', 12)])],
    expect: 'failed',
    message: /restarted 12 times \(more than 5\)/,
    fieldPaths: ['status.containerStatuses[0].restartCount'],
  },
  {
    checkId: 'pod-restarts',
    name: 'a configured threshold of 1',
    objects: [runningPod('web-1', [ok('app', 2)])],
    options: { settings: { restartThreshold: 1 } },
    expect: 'failed',
  },
  {
    checkId: 'workload-availability',
    name: 'all replicas available',
    objects: [withStatus({ replicas: 3, availableReplicas: 3 })],
    expect: 'passed',
  },
  {
    checkId: 'workload-availability',
    name: 'one of three available',
    objects: [withStatus({ replicas: 3, availableReplicas: 1 })],
    expect: 'failed',
    message: /Only 1 of 3 replicas are available/,
    fieldPaths: ['status.availableReplicas'],
  },
  {
    checkId: 'workload-availability',
    name: 'rollout stuck',
    objects: [
      withStatus({
        availableReplicas: 3,
        conditions: [
          condition(
            'Progressing',
            'False',
            'ProgressDeadlineExceeded',
            'ReplicaSet "web-7f" has timed out progressing.',
          ),
        ],
      }),
    ],
    expect: 'failed',
    message: /rollout is stuck: ProgressDeadlineExceeded/,
  },
  {
    checkId: 'workload-availability',
    name: 'StatefulSet without ready replicas',
    objects: [
      workload(
        'StatefulSet',
        s => (s.status = { replicas: 3, readyReplicas: 0 }),
      ),
    ],
    expect: 'failed',
    fieldPaths: ['status.readyReplicas'],
  },
  {
    checkId: 'job-failed',
    name: 'completed',
    objects: [
      workload(
        'Job',
        j =>
          (j.status = {
            succeeded: 1,
            conditions: [condition('Complete', 'True')],
          }),
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'job-failed',
    name: 'backoff limit exceeded',
    objects: [
      workload(
        'Job',
        j =>
          (j.status = {
            failed: 7,
            conditions: [
              condition(
                'Failed',
                'True',
                'BackoffLimitExceeded',
                'Job has reached the specified backoff limit',
              ),
            ],
          }),
      ),
    ],
    expect: 'failed',
    message: /The Job failed: BackoffLimitExceeded/,
    fieldPaths: ['status.conditions[0]'],
  },
  {
    checkId: 'certificate-ready',
    name: 'Ready',
    objects: [
      certificate(
        { secretName: 'web-tls' },
        { conditions: [condition('Ready', 'True')] },
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'certificate-ready',
    name: 'issuing failed',
    objects: [
      certificate(
        { secretName: 'web-tls' },
        {
          conditions: [
            condition('Ready', 'False', 'Failed', 'ACME challenge failed'),
          ],
        },
      ),
    ],
    expect: 'failed',
    message: /not Ready: Failed — ACME challenge failed/,
  },
  {
    checkId: 'certificate-expiry',
    name: 'valid for 60 more days',
    objects: [
      certificate(
        { secretName: 'web-tls' },
        { notAfter: '2025-07-31T12:00:00Z' },
      ),
    ],
    expect: 'passed',
  },
  {
    checkId: 'certificate-expiry',
    name: 'expires in 5 days',
    objects: [
      certificate(
        { secretName: 'web-tls' },
        { notAfter: '2025-06-06T13:00:00Z' },
      ),
    ],
    expect: 'failed',
    message: /expires on 2025-06-06, in 5 days \(window: 14 days\)/,
    fieldPaths: ['status.notAfter'],
  },
  {
    checkId: 'certificate-expiry',
    name: 'a 30-day window catches 20 days',
    objects: [
      certificate(
        { secretName: 'web-tls' },
        { notAfter: '2025-06-21T12:00:00Z' },
      ),
    ],
    options: { settings: { certificateExpiryDays: 30 } },
    expect: 'failed',
  },
  {
    checkId: 'certificate-expiry',
    name: 'already expired',
    objects: [
      certificate(
        { secretName: 'web-tls' },
        { notAfter: '2025-05-01T00:00:00Z' },
      ),
    ],
    expect: 'failed',
    message: /expired on 2025-05-01/,
  },
];

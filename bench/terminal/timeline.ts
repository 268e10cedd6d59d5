/**
 * Where a session start's time goes: the moments each step becomes visible (watch events of the
 * runner Job and pod, the runner's own timing log lines, the session row's ready_at, the client's
 * ws), and this process's CPU (backend, emulator and client share it) at each of them.
 */
import {
  CoreV1Api,
  KubeConfig,
  V1Job,
  V1Pod,
  Watch,
} from '@kubernetes/client-node';
import { MANAGED_SELECTOR } from '../../plugins/terminal-backend/src/kubernetes/labels';
import { RunnerLabels } from '../../plugins/terminal-backend/src/kubernetes/labels';

/** A moment (epoch ms) and this process's CPU ms then. */
interface Mark {
  at: number;
  cpuMs: number;
}

export interface StartTimeline {
  post?: Mark;
  jobSeen?: Mark;
  podSeen?: Mark;
  podBound?: Mark;
  podReadySeen?: Mark;
  apiReady?: Mark;
  wsOpen?: Mark;
  firstByte?: Mark;
  podName?: string;
  /** The session row's ready_at (the backend's clock when it stored Ready). */
  rowReadyAt?: number;
  /** From the runner's `start timings` line. */
  processStartedAt?: number;
  listeningAt?: number;
  runnerStartCpuMs?: number;
  /** From the runner's `first output` line: PTY spawn (tmux client) → first output. */
  firstOutputAfterSpawnMs?: number;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export const mark = (): Mark => ({ at: Date.now(), cpuMs: cpuNow() });

const isReady = (pod: V1Pod) =>
  !!pod.status?.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  );

/**
 * Watches the runner namespace's Jobs and pods and fills in, per session, when its Job and pod
 * appeared, when the pod was bound and when it turned Ready.
 */
export async function watchStarts(kubeConfig: KubeConfig, namespace: string) {
  const bySession = new Map<string, StartTimeline>();
  const timeline = (id: string) => {
    let t = bySession.get(id);
    if (!t) bySession.set(id, (t = {}));
    return t;
  };
  const watch = new Watch(kubeConfig);
  const query = { labelSelector: MANAGED_SELECTOR };
  const ignore = () => {};
  const jobs = await watch.watch(
    `/apis/batch/v1/namespaces/${namespace}/jobs`,
    query,
    (_type: string, job: V1Job) => {
      const id = job.metadata?.labels?.[RunnerLabels.session];
      if (id) timeline(id).jobSeen ??= mark();
    },
    ignore,
  );
  const pods = await watch.watch(
    `/api/v1/namespaces/${namespace}/pods`,
    query,
    (_type: string, pod: V1Pod) => {
      const id = pod.metadata?.labels?.[RunnerLabels.session];
      if (!id) return;
      const t = timeline(id);
      t.podSeen ??= mark();
      t.podName ??= pod.metadata?.name;
      if (pod.spec?.nodeName) t.podBound ??= mark();
      if (isReady(pod)) t.podReadySeen ??= mark();
    },
    ignore,
  );
  return {
    of: timeline,
    stop() {
      jobs.abort();
      pods.abort();
    },
  };
}

/** Reads the runner's timing lines (logged with HATCHWAY_RUNNER_TIMINGS=1) from its pod log. */
export async function readRunnerTimings(
  core: CoreV1Api,
  namespace: string,
  t: StartTimeline,
): Promise<void> {
  if (!t.podName) return;
  const log = await core.readNamespacedPodLog({ name: t.podName, namespace });
  for (const line of String(log).split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line);
    if (entry.message === 'start timings') {
      t.listeningAt = entry.at;
      t.processStartedAt = entry.at - entry.sinceProcessStartMs;
      t.runnerStartCpuMs = entry.cpuMs;
    } else if (entry.message === 'first output') {
      t.firstOutputAfterSpawnMs ??= entry.sinceSpawnMs;
    }
  }
}

type Stage = [
  string,
  (t: StartTimeline) => number | undefined,
  (t: StartTimeline) => number | undefined,
];

/** The stages of a cold start, each as [name, start, end] over a timeline. */
const COLD_STAGES: Stage[] = [
  [
    'POST → Job seen (backend: checks, row, Secret, Job)',
    t => t.post?.at,
    t => t.jobSeen?.at,
  ],
  ['Job → Pod seen (Job controller)', t => t.jobSeen?.at, t => t.podSeen?.at],
  ['Pod → bound (scheduler)', t => t.podSeen?.at, t => t.podBound?.at],
  [
    'bound → process started (kubelet: secret, env, spawn)',
    t => t.podBound?.at,
    t => t.processStartedAt,
  ],
  [
    'process → listening on 7681 (runner start)',
    t => t.processStartedAt,
    t => t.listeningAt,
  ],
  [
    'listening → pod Ready seen (probe, status write)',
    t => t.listeningAt,
    t => t.podReadySeen?.at,
  ],
  [
    'pod Ready → session row Ready (informer, DB)',
    t => t.podReadySeen?.at,
    t => t.rowReadyAt,
  ],
  [
    'row Ready → GET says Ready (client poll, 50 ms)',
    t => t.rowReadyAt,
    t => t.apiReady?.at,
  ],
  ['Ready → ws open (client)', t => t.apiReady?.at, t => t.wsOpen?.at],
  [
    'ws open → first byte (init, tmux)',
    t => t.wsOpen?.at,
    t => t.firstByte?.at,
  ],
];

/**
 * A warm start adopts a Ready pool pod: the backend labels it for the session (the watch sees the
 * pod with the session's label) and stores the session Ready; the rest is the client's.
 */
const WARM_STAGES: Stage[] = [
  [
    'POST → pod labelled for the session (adoption)',
    t => t.post?.at,
    t => t.podSeen?.at,
  ],
  ['adopted → session row Ready', t => t.podSeen?.at, t => t.rowReadyAt],
  ...COLD_STAGES.slice(-3),
];

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

/** A table of each stage's median wall time, with this process's CPU where it is known. */
export function stageTable(
  timelines: StartTimeline[],
  mode: 'warm' | 'cold',
): string {
  const rows = [
    '| stage | wall p50 ms | bench-process CPU p50 ms |',
    '| --- | --- | --- |',
  ];
  const cpuBetween: Record<string, [keyof StartTimeline, keyof StartTimeline]> =
    {
      'POST → Job seen (backend: checks, row, Secret, Job)': [
        'post',
        'jobSeen',
      ],
      'Job → Pod seen (Job controller)': ['jobSeen', 'podSeen'],
      'Pod → bound (scheduler)': ['podSeen', 'podBound'],
      'ws open → first byte (init, tmux)': ['wsOpen', 'firstByte'],
    };
  for (const [name, from, to] of mode === 'warm' ? WARM_STAGES : COLD_STAGES) {
    const walls = timelines
      .map(t => {
        const a = from(t);
        const b = to(t);
        return a === undefined || b === undefined ? undefined : b - a;
      })
      .filter((x): x is number => x !== undefined);
    if (!walls.length) continue;
    const pair = cpuBetween[name];
    const cpus = pair
      ? timelines
          .map(t => {
            const a = t[pair[0]] as Mark | undefined;
            const b = t[pair[1]] as Mark | undefined;
            return a && b ? b.cpuMs - a.cpuMs : undefined;
          })
          .filter((x): x is number => x !== undefined)
      : [];
    rows.push(
      `| ${name} | ${median(walls).toFixed(0)} | ${
        cpus.length ? median(cpus).toFixed(0) : ''
      } |`,
    );
  }
  const cpu = (k1: keyof StartTimeline, k2: keyof StartTimeline) =>
    median(
      timelines
        .map(t => {
          const a = t[k1] as Mark | undefined;
          const b = t[k2] as Mark | undefined;
          return a && b ? b.cpuMs - a.cpuMs : undefined;
        })
        .filter((x): x is number => x !== undefined),
    );
  const runnerCpu = median(
    timelines
      .map(t => t.runnerStartCpuMs)
      .filter((x): x is number => x !== undefined),
  );
  const tmux = median(
    timelines
      .map(t => t.firstOutputAfterSpawnMs)
      .filter((x): x is number => x !== undefined),
  );
  if (mode === 'cold') {
    rows.push(
      `| (CPU) runner process until listening | | ${runnerCpu.toFixed(
        0,
      )} (runner's own) |`,
      `| (CPU) bench process, pod bound → pod Ready seen | | ${cpu(
        'podBound',
        'podReadySeen',
      ).toFixed(0)} |`,
    );
  }
  rows.push(
    `| (CPU) bench process, whole start (POST → first byte) | | ${cpu(
      'post',
      'firstByte',
    ).toFixed(0)} |`,
    `| (runner) PTY spawn → first output | ${tmux.toFixed(0)} | |`,
  );
  return rows.join('\n');
}

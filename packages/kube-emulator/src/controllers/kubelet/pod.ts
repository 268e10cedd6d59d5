import type {
  V1Pod,
  V1PodCondition,
  V1PodStatus,
} from '@kubernetes/client-node';
import type { EventRecorder } from '../runtime/events';
import { sameJson, setCondition, timestamp } from '../runtime/objects';
import type { ControllerTimings } from '../types';
import { ContainerRuntime } from './container';
import type { RunningProcess } from './process';
import type { ContainerBehavior } from './behavior';

/** Condition types the kubelet owns; any other (readiness gates) is kept as found. */
const KUBELET_CONDITIONS = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/** How each container of a pod is to be run. */
export interface ContainerPlan {
  behavior: ContainerBehavior;
  runMs?: number;
  spawn?: (runtime: PodRuntime) => Promise<RunningProcess>;
}

/** What a pod needs from the kubelet. */
export interface PodHost {
  timings: ControllerTimings;
  hostIP: string;
  events: EventRecorder;
  /** Writes the pod's status (a merge patch of `status`). */
  writeStatus(pod: V1Pod, status: V1PodStatus): Promise<void>;
  /** Whether something outside the pod holds its readiness back (vCluster start-up). */
  gateOpen(pod: V1Pod): boolean;
}

/**
 * A pod on the emulated node: its containers, its phase (computed as the kubelet's getPhase
 * does), its conditions and IPs, and a status writer that coalesces bursts of changes into one
 * write at a time.
 */
export class PodRuntime {
  private readonly containers: ContainerRuntime[];
  private readonly startTime = timestamp();
  private written?: V1PodStatus;
  private writing = false;
  private dirty = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    public pod: V1Pod,
    readonly podIP: string,
    private readonly host: PodHost,
    plans: ContainerPlan[],
  ) {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    const restarts = (code: number) =>
      policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    this.containers = (pod.spec?.containers ?? []).map((spec, i) => {
      const previous = pod.status?.containerStatuses?.find(
        s => s.name === spec.name,
      );
      const plan = plans[i];
      return new ContainerRuntime(
        spec,
        plan.behavior,
        {
          podIP,
          timings: host.timings,
          restarts,
          runMs: plan.runMs,
          spawn: plan.spawn ? () => plan.spawn!(this) : undefined,
          changed: () => this.changed(),
          event: (type, reason, message) =>
            host.events.event(
              this.pod,
              type,
              reason,
              message,
              `spec.containers{${spec.name}}`,
            ),
        },
        previous,
      );
    });
  }

  start(): void {
    this.changed();
    for (const container of this.containers) container.start();
  }

  /** A newer version of the pod arrived from the API. */
  update(pod: V1Pod): void {
    this.pod = pod;
    this.changed();
  }

  /** Whether the pod has finished (Succeeded or Failed) and nothing runs any more. */
  isFinished(): boolean {
    const phase = this.phase();
    return phase === 'Succeeded' || phase === 'Failed';
  }

  /** Ends every container (processes get `graceMs` between SIGTERM and SIGKILL). */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await Promise.all(this.containers.map(c => c.stop(graceMs)));
  }

  /** Pod phase from container states, as the kubelet's getPhase computes it. */
  phase(): string {
    let waiting = 0;
    let running = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const c of this.containers) {
      const s = c.status(true);
      if (s.state?.running) running++;
      else if (s.state?.terminated) {
        stopped++;
        if (s.state.terminated.exitCode === 0) succeeded++;
      } else if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped === 0) return 'Pending';
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }

  status(): V1PodStatus {
    const phase = this.phase();
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const gateOpen = this.host.gateOpen(this.pod);
    const statuses = this.containers.map(c => c.status(gateOpen));
    const unready = statuses.filter(s => !s.ready).map(s => s.name);
    const previous = this.pod.status?.conditions ?? [];
    const gates = this.pod.spec?.readinessGates ?? [];
    const gatesOk = gates.every(
      g => previous.find(c => c.type === g.conditionType)?.status === 'True',
    );
    const notReady = (reason: string, message?: string) => ({
      status: 'False',
      reason,
      message,
    });
    let containersReady: { status: string; reason?: string; message?: string } =
      {
        status: 'True',
      };
    if (terminal) containersReady = notReady('PodCompleted');
    else if (unready.length) {
      containersReady = notReady(
        'ContainersNotReady',
        `containers with unready status: [${unready.join(' ')}]`,
      );
    }
    const ready =
      containersReady.status !== 'True' || gatesOk
        ? containersReady
        : notReady(
            'ReadinessGatesNotReady',
            'corresponding condition of pod readiness gate is not true',
          );
    let conditions: V1PodCondition[] = previous.filter(
      c => !KUBELET_CONDITIONS.includes(c.type),
    );
    const kubelet: V1PodCondition[] = [
      {
        type: 'PodReadyToStartContainers',
        status: terminal ? 'False' : 'True',
      },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', ...ready },
      { type: 'ContainersReady', ...containersReady },
      { type: 'PodScheduled', status: 'True' },
    ];
    for (const condition of kubelet) {
      const before = previous.find(c => c.type === condition.type);
      conditions = setCondition(
        before ? [before, ...conditions] : conditions,
        condition,
      );
    }
    conditions.sort((a, b) => order(a.type) - order(b.type));
    return {
      phase,
      conditions,
      hostIP: this.host.hostIP,
      hostIPs: [{ ip: this.host.hostIP }],
      podIP: this.podIP,
      podIPs: [{ ip: this.podIP }],
      startTime: this.pod.status?.startTime ?? this.startTime,
      initContainerStatuses: this.pod.spec?.initContainers?.map(spec => ({
        name: spec.name,
        image: spec.image ?? '',
        imageID: '',
        ready: true,
        restartCount: 0,
        started: false,
        state: { terminated: { exitCode: 0, reason: 'Completed' } },
      })),
      containerStatuses: statuses,
      qosClass: qosClass(this.pod),
    };
  }

  private changed(): void {
    if (this.stopped) return;
    if (this.writing) {
      this.dirty = true;
      return;
    }
    void this.flush();
  }

  private async flush(): Promise<void> {
    this.writing = true;
    try {
      do {
        this.dirty = false;
        const status = this.status();
        if (sameJson(status, this.written) || sameJson(status, this.pod.status))
          continue;
        await this.host.writeStatus(this.pod, status);
        this.written = status;
      } while (this.dirty && !this.stopped);
    } catch {
      // The server is away or refused: try again shortly with the then current status.
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.changed(), 500);
    } finally {
      this.writing = false;
    }
  }
}

function order(type: string): number {
  const index = KUBELET_CONDITIONS.indexOf(type);
  return index < 0 ? KUBELET_CONDITIONS.length : index;
}

/** The QoS class the API reports: Guaranteed, Burstable or BestEffort. */
function qosClass(pod: V1Pod): string {
  const containers = pod.spec?.containers ?? [];
  const resources = containers.map(c => c.resources ?? {});
  if (
    resources.every(
      r =>
        !Object.keys(r.requests ?? {}).length &&
        !Object.keys(r.limits ?? {}).length,
    )
  ) {
    return 'BestEffort';
  }
  const guaranteed = resources.every(
    r =>
      r.limits?.cpu !== undefined &&
      r.limits?.memory !== undefined &&
      (r.requests?.cpu ?? r.limits.cpu) === r.limits.cpu &&
      (r.requests?.memory ?? r.limits.memory) === r.limits.memory,
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

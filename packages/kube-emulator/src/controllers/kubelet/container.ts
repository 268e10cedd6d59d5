import { createHash, randomBytes } from 'node:crypto';
import type {
  V1Container,
  V1ContainerState,
  V1ContainerStatus,
  V1Probe,
} from '@kubernetes/client-node';
import { Timers } from '../runtime/sleep';
import { timestamp } from '../runtime/objects';
import type { ContainerBehavior } from './behavior';
import type { ProcessExit, RunningProcess } from './process';
import { isNetworkProbe, runProbe } from './probes';

/** What a container needs from the pod it runs in. */
export interface ContainerHost {
  readonly podIP: string;
  readonly timings: {
    restartBackoffMs: number;
    maxRestartBackoffMs: number;
    maxProbePeriodMs: number;
    probeDelayMsPerSecond: number;
  };
  /** Whether a container that exited with this code starts again (the pod's restartPolicy). */
  restarts(exitCode: number): boolean;
  /** Normal/Warning event about this container. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Something in the container's status changed. */
  changed(): void;
  /** Starts the container's real process, or undefined for a simulated one. */
  spawn?(): Promise<RunningProcess>;
  /** Milliseconds a simulated container runs before exiting; undefined runs forever. */
  runMs?: number;
}

/**
 * One container of a running pod: its state machine (waiting → running → terminated, restarts
 * with a doubling back-off and CrashLoopBackOff in between), its readiness, and its status as
 * the kubelet reports it. The container is either simulated (timers) or a real process.
 */
export class ContainerRuntime {
  private readonly timers = new Timers();
  private state: V1ContainerState = {
    waiting: { reason: 'ContainerCreating' },
  };
  private lastState: V1ContainerState = {};
  private restartCount: number;
  private ready = false;
  private containerID?: string;
  private process?: RunningProcess;
  private stopped = false;
  private run = 0;
  /** The container has exited and will not start again. */
  done = false;
  exitCode?: number;

  constructor(
    readonly spec: V1Container,
    private readonly behavior: ContainerBehavior,
    private readonly host: ContainerHost,
    previous?: V1ContainerStatus,
  ) {
    this.restartCount = Math.max(
      previous?.restartCount ?? 0,
      behavior.initialRestarts,
    );
  }

  /** Starts the container (or, for `image-pull-backoff`, fails to pull its image forever). */
  start(): void {
    if (this.behavior.behavior === 'image-pull-backoff') this.pullFails(0);
    else void this.runOnce();
  }

  private pullFails(attempt: number): void {
    const image = this.spec.image ?? '';
    const message = `failed to pull and unpack image "${image}": not found`;
    this.state = { waiting: { reason: 'ErrImagePull', message } };
    this.host.event('Normal', 'Pulling', `Pulling image "${image}"`);
    this.host.event(
      'Warning',
      'Failed',
      `Failed to pull image "${image}": ${message}`,
    );
    this.host.event('Warning', 'Failed', 'Error: ErrImagePull');
    this.host.changed();
    this.timers.set(
      'pull',
      Math.min(1000, this.host.timings.restartBackoffMs),
      () => {
        this.state = {
          waiting: {
            reason: 'ImagePullBackOff',
            message: `Back-off pulling image "${image}"`,
          },
        };
        this.host.event(
          'Normal',
          'BackOff',
          `Back-off pulling image "${image}"`,
        );
        this.host.event('Warning', 'Failed', 'Error: ImagePullBackOff');
        this.host.changed();
        this.timers.set('pull', this.backoff(attempt), () =>
          this.pullFails(attempt + 1),
        );
      },
    );
  }

  private async runOnce(): Promise<void> {
    const run = ++this.run;
    const image = this.spec.image ?? '';
    this.containerID = `containerd://${randomBytes(32).toString('hex')}`;
    this.host.event(
      'Normal',
      'Pulled',
      `Container image "${image}" already present on machine`,
    );
    this.host.event(
      'Normal',
      'Created',
      `Created container: ${this.spec.name}`,
    );
    const startedAt = timestamp();
    if (this.host.spawn) {
      try {
        this.process = await this.host.spawn();
      } catch (error) {
        // E.g. a Secret the env refers to is missing: the real kubelet waits and retries.
        this.state = {
          waiting: {
            reason: 'CreateContainerConfigError',
            message: String((error as Error).message ?? error),
          },
        };
        this.host.event(
          'Warning',
          'Failed',
          `Error: ${(error as Error).message ?? error}`,
        );
        this.host.changed();
        this.timers.set('restart', this.backoff(0), () => void this.runOnce());
        return;
      }
      if (this.stopped || run !== this.run) {
        // Stopped while the process was being started: it must not outlive the pod.
        void this.process.kill(0);
        return;
      }
      void this.process.exited.then(exit => this.exited(run, exit, startedAt));
    } else if (this.host.runMs !== undefined) {
      const code = this.behavior.exitCode;
      this.timers.set('exit', this.host.runMs, () =>
        this.exited(
          run,
          { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' },
          startedAt,
        ),
      );
    }
    this.state = { running: { startedAt } };
    this.host.event('Normal', 'Started', `Started container ${this.spec.name}`);
    this.host.changed();
    this.watchReadiness(run);
  }

  private exited(run: number, exit: ProcessExit, startedAt: Date): void {
    if (this.stopped || run !== this.run) return;
    this.timers.clear('probe');
    this.ready = false;
    this.process = undefined;
    this.exitCode = exit.exitCode;
    const terminated = {
      exitCode: exit.exitCode,
      reason: exit.reason,
      message: exit.message,
      startedAt,
      finishedAt: timestamp(),
      containerID: this.containerID,
    };
    if (!this.host.restarts(exit.exitCode)) {
      this.state = { terminated };
      this.done = true;
      this.host.changed();
      return;
    }
    this.restartCount += 1;
    this.lastState = { terminated };
    const delay = this.backoff(this.restartCount - 1);
    this.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${Math.round(
          delay / 1000,
        )}s restarting failed container=${this.spec.name}`,
      },
    };
    this.host.event(
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${this.spec.name}`,
    );
    this.host.changed();
    this.timers.set('restart', delay, () => void this.runOnce());
  }

  /** Readiness: real probes against the pod IP for process containers, a timer otherwise. */
  private watchReadiness(run: number): void {
    const probe: V1Probe | undefined = this.spec.readinessProbe;
    if (this.behavior.behavior === 'never-ready') return;
    const delay =
      (probe?.initialDelaySeconds ?? 0) *
      this.host.timings.probeDelayMsPerSecond;
    const setReady = (ready: boolean) => {
      if (this.stopped || run !== this.run || this.ready === ready) return;
      this.ready = ready;
      this.host.changed();
    };
    if (!probe || !this.host.spawn || !isNetworkProbe(probe)) {
      if (delay > 0) this.timers.set('probe', delay, () => setReady(true));
      else setReady(true);
      return;
    }
    const period = Math.min(
      (probe.periodSeconds ?? 10) * 1000,
      this.host.timings.maxProbePeriodMs,
    );
    let successes = 0;
    let failures = 0;
    const tick = async () => {
      const result = await runProbe(probe, this.spec, this.host.podIP);
      if (this.stopped || run !== this.run) return;
      if (result.ok) {
        failures = 0;
        if (++successes >= (probe.successThreshold ?? 1)) setReady(true);
      } else {
        successes = 0;
        this.host.event(
          'Warning',
          'Unhealthy',
          `Readiness probe failed: ${result.message}`,
        );
        if (++failures >= (probe.failureThreshold ?? 3) || !this.ready)
          setReady(false);
      }
      this.timers.set('probe', period, () => void tick());
    };
    this.timers.set('probe', delay, () => void tick());
  }

  private backoff(attempt: number): number {
    const { restartBackoffMs, maxRestartBackoffMs } = this.host.timings;
    return Math.min(
      maxRestartBackoffMs,
      restartBackoffMs * 2 ** Math.max(0, attempt),
    );
  }

  /** Stops the container: ends timers, kills its process within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.clearAll();
    if (this.state.running) {
      this.host.event(
        'Normal',
        'Killing',
        `Stopping container ${this.spec.name}`,
      );
    }
    await this.process?.kill(graceMs);
  }

  /** Whether the container runs and passes its readiness probe. */
  isReady(): boolean {
    return !!this.state.running && this.ready;
  }

  /** Whether the container has run at least once (for the pod phase). */
  hasRun(): boolean {
    return (
      !!this.state.running ||
      !!this.state.terminated ||
      !!this.lastState.terminated
    );
  }

  /** The container's status as the kubelet writes it. */
  status(gateOpen: boolean): V1ContainerStatus {
    const image = this.spec.image ?? '';
    const repository = image.split('@')[0].replace(/:[^:/]+$/, '');
    return {
      name: this.spec.name,
      image,
      imageID: `${repository}@sha256:${createHash('sha256')
        .update(image)
        .digest('hex')}`,
      containerID:
        this.state.waiting && !this.lastState.terminated
          ? undefined
          : this.containerID,
      ready: this.isReady() && gateOpen,
      started: !!this.state.running,
      restartCount: this.restartCount,
      state: this.state,
      lastState: this.lastState,
    };
  }
}

import type { V1Pod } from '@kubernetes/client-node';

/** Annotation prefix of the emulator's misbehaviour switches (see the README). */
export const ANNOTATION_PREFIX = 'emulator.hatchway.dev/';

/** How a simulated container behaves. */
export type Behavior =
  | 'run'
  | 'complete'
  | 'crashloop'
  | 'fail'
  | 'image-pull-backoff'
  | 'never-ready';

const BEHAVIORS: Behavior[] = [
  'run',
  'complete',
  'crashloop',
  'fail',
  'image-pull-backoff',
  'never-ready',
];

/** The misbehaviour settings of one container of a pod. */
export interface ContainerBehavior {
  behavior: Behavior;
  /** Exit code when the container exits: 1 for `fail`/`crashloop`, otherwise 0 by default. */
  exitCode: number;
  /** Milliseconds the container runs before it exits, when it exits. */
  runMs?: number;
  /** Restart count the container starts with (demo pods that "have been restarting"). */
  initialRestarts: number;
}

/**
 * Reads the behaviour of `container` from the pod's annotations: the per-container key
 * `emulator.hatchway.dev/behavior.<container>` wins over the pod-wide `emulator.hatchway.dev/behavior`.
 * An unknown value is treated as `run`.
 */
export function behaviorOf(pod: V1Pod, container: string): ContainerBehavior {
  const annotations = pod.metadata?.annotations ?? {};
  const read = (key: string) =>
    annotations[`${ANNOTATION_PREFIX}${key}.${container}`] ??
    annotations[`${ANNOTATION_PREFIX}${key}`];
  const value = read('behavior') as Behavior | undefined;
  const behavior = value && BEHAVIORS.includes(value) ? value : 'run';
  const exitCode = Number(read('exit-code'));
  const runMs = Number(read('run-ms'));
  const restarts = Number(read('restarts'));
  const defaultExit = behavior === 'crashloop' || behavior === 'fail' ? 1 : 0;
  return {
    behavior,
    exitCode: Number.isInteger(exitCode) ? exitCode : defaultExit,
    runMs: Number.isFinite(runMs) && runMs >= 0 ? runMs : undefined,
    initialRestarts: Number.isInteger(restarts) && restarts > 0 ? restarts : 0,
  };
}

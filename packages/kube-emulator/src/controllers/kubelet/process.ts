import { ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ProcessPodRule } from '../types';

/** How a process ended, in the kubelet's terms. */
export interface ProcessExit {
  exitCode: number;
  /** `Completed`, `Error`, or `StartError` when it could not be started at all. */
  reason: string;
  signal?: string;
  message?: string;
}

/** A running process of a process pod. */
export interface RunningProcess {
  readonly pid?: number;
  /** Resolves when the process has ended. */
  readonly exited: Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL once `graceMs` has passed; resolves when it has ended. */
  kill(graceMs: number): Promise<ProcessExit>;
}

/** Whether a rule applies to a container (image rules) or to the pod (label rules). */
export function ruleMatches(
  rule: ProcessPodRule,
  image: string | undefined,
  labels: Record<string, string> | undefined,
  firstContainer: boolean,
): boolean {
  if (rule.image !== undefined) {
    if (!image) return false;
    if (rule.image instanceof RegExp) return rule.image.test(image);
    const withoutDigest = image.split('@')[0];
    const withoutTag = withoutDigest.replace(/:[^:/]+$/, '');
    if (
      rule.image !== image &&
      rule.image !== withoutDigest &&
      rule.image !== withoutTag
    ) {
      return false;
    }
  }
  if (rule.label) {
    if (!firstContainer) return false;
    if (labels?.[rule.label.key] !== rule.label.value) return false;
  }
  return rule.image !== undefined || rule.label !== undefined;
}

/**
 * Starts a process pod's command. Its output goes to `onOutput` as it comes; it runs in its
 * own process group so that killing the pod also ends whatever it started.
 */
export function startProcess(
  rule: ProcessPodRule,
  args: string[],
  env: Record<string, string>,
  onOutput: (text: string) => void,
): RunningProcess {
  let child: ChildProcess;
  let resolveExit!: (exit: ProcessExit) => void;
  const exited = new Promise<ProcessExit>(resolve => {
    resolveExit = resolve;
  });
  try {
    child = spawn(rule.command, [...(rule.args ?? []), ...args], {
      env,
      cwd: rule.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  } catch (error) {
    resolveExit({
      exitCode: 128,
      reason: 'StartError',
      message: String(error),
    });
    return { exited, kill: async () => exited };
  }
  child.stdout?.setEncoding('utf8').on('data', onOutput);
  child.stderr?.setEncoding('utf8').on('data', onOutput);
  child.on('error', error => {
    resolveExit({
      exitCode: 128,
      reason: 'StartError',
      message: error.message,
    });
  });
  child.on('exit', (code, signal) => {
    const exitCode =
      code ??
      128 +
        ((signal &&
          constants.signals[signal as keyof typeof constants.signals]) ||
          0);
    resolveExit({
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      signal: signal ?? undefined,
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (
      child.pid === undefined ||
      child.exitCode !== null ||
      child.signalCode !== null
    )
      return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  };
  return {
    pid: child.pid,
    exited,
    async kill(graceMs) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      // Children the process left behind in its group go too.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // no such group: nothing was left behind
      }
      return exit;
    },
  };
}

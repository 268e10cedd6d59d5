import type { KubeConfig } from '@kubernetes/client-node';

/** Where the controllers write what they do; compatible with Backstage's LoggerService. */
export interface ControllerLogger {
  debug?(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A rule that makes matching pods really run a local command instead of a simulated container.
 *
 * A rule matches a container when its `image` matches (a string matches the whole image name,
 * with or without a tag), or — for `label` rules — the first container of a pod carrying the label.
 */
export interface ProcessPodRule {
  /** Image to match: a string (`runner` matches `runner`, `runner:1.2`) or a regular expression. */
  image?: string | RegExp;
  /** Pod label to match; the rule then applies to the pod's first container. */
  label?: { key: string; value: string };
  /** Executable to start (resolved through PATH). */
  command: string;
  /** Arguments placed before the container's `args` (its `command` is ignored). */
  args?: string[];
  /** Extra environment, applied under the container's env. */
  env?: Record<string, string>;
  /** Working directory of the process. */
  cwd?: string;
}

/** A nested API server started for a vCluster. */
export interface NestedCluster {
  /** Base URL of the nested API server. */
  url: string;
  /** A kubeconfig (YAML) that reaches the nested API server with full rights. */
  kubeConfigYaml: string;
  /** Stops the nested server; its objects must be kept for a later `startNested` of the same key. */
  stop(): Promise<void>;
}

/** What the vCluster controller needs to run nested API servers. */
export interface VClusterHooks {
  /**
   * Starts (or resumes, keeping the objects of an earlier run) the nested API server of vCluster
   * `name`; `context.key` (`<namespace>/<name>`) tells apart vClusters of the same name.
   */
  startNested(
    name: string,
    context: { namespace: string; key: string },
  ): Promise<NestedCluster>;
  /** Forgets the stored objects of a vCluster that was deleted for good. Optional. */
  destroyNested?(
    name: string,
    context: { namespace: string; key: string },
  ): Promise<void>;
}

/** Durations the controllers use; tests shorten them. All in milliseconds. */
export interface ControllerTimings {
  /** How long a simulated container of a Job's pod runs before it exits 0. Default 200. */
  jobPodRunMs: number;
  /** How long a `crashloop`/`fail` container runs before it exits. Default 500. */
  crashRunMs: number;
  /** First restart back-off of a container; doubles on each restart. Default 2000. */
  restartBackoffMs: number;
  /** Ceiling of the restart back-off. Default 60000. */
  maxRestartBackoffMs: number;
  /** Longest interval between two readiness probes, whatever `periodSeconds` says. Default 1000. */
  maxProbePeriodMs: number;
  /** Multiplier for probe `initialDelaySeconds` (seconds → ms). Default 1000. */
  probeDelayMsPerSecond: number;
  /** Ceiling of a pod's termination grace period before SIGKILL. Default 30000. */
  maxTerminationGraceMs: number;
  /** Back-off a Job waits before replacing a failed pod. Default 0. */
  jobBackoffMs: number;
  /** Multiplier for Job/Deployment seconds fields (deadlines, TTLs). Default 1000. */
  msPerSecond: number;
  /** First delay before a broken watch is retried; doubles up to 5 s. Default 200. */
  watchRetryMs: number;
}

/** Which controllers run; every one defaults to on. */
export interface EnabledControllers {
  deployments?: boolean;
  replicasets?: boolean;
  statefulsets?: boolean;
  jobs?: boolean;
  kubelet?: boolean;
  vcluster?: boolean;
  events?: boolean;
}

/** Options of {@link startControllers}. */
export interface ControllerOptions {
  /** How to reach the API server; the controllers use nothing else. */
  kubeConfig: KubeConfig;
  /** Switches controllers off; all default to on. */
  enabled?: EnabledControllers;
  /** Pods that really run a local process. */
  processPods?: ProcessPodRule[];
  /** CIDR pod IPs are allocated from. Default `127.1.0.0/16` (loopback: reachable here). */
  podIpRange?: string;
  /** Name of the node pods are bound to. Default `emulator-node`. */
  nodeName?: string;
  /** Receives container output (process pods) for `pods/log`. */
  logSink?: (
    namespace: string,
    pod: string,
    container: string,
    text: string,
  ) => void;
  /** Starts nested API servers; without it the vCluster controller is off. */
  vcluster?: VClusterHooks;
  /** Shortened durations for tests. */
  timings?: Partial<ControllerTimings>;
  logger?: ControllerLogger;
}

/** Handle of running controllers. */
export interface RunningControllers {
  /** Ends every watch, timer, child process and nested API server. */
  stop(): Promise<void>;
}

import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  V1Pod,
} from '@kubernetes/client-node';
import { startApiServer } from '../../index';
import type { RunningApiServer } from '../../index';
import { RunningControllers, startControllers } from '..';
import type { ControllerOptions, ControllerTimings } from '../types';

/** Durations short enough for tests. */
export const FAST_TIMINGS: Partial<ControllerTimings> = {
  jobPodRunMs: 50,
  crashRunMs: 30,
  restartBackoffMs: 40,
  maxRestartBackoffMs: 200,
  maxProbePeriodMs: 50,
  probeDelayMsPerSecond: 100,
  maxTerminationGraceMs: 1000,
  msPerSecond: 100,
  watchRetryMs: 50,
};

/** An API server with controllers, and typed clients to drive it. */
export interface TestCluster {
  server: RunningApiServer;
  controllers: RunningControllers;
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  /** Warnings and errors the controllers logged. */
  logged: string[];
  /** Container output the controllers passed to their log sink, by `namespace/pod/container`. */
  output: Map<string, string>;
  stop(): Promise<void>;
}

export const quietLogger = (sink: string[]) => ({
  info: () => undefined,
  warn: (m: string) => sink.push(m),
  error: (m: string) => sink.push(m),
});

/** Starts an API server (port 0) and the controllers against it. */
export async function startTestCluster(
  options: Partial<ControllerOptions> = {},
): Promise<TestCluster> {
  const server = await startApiServer();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(server.kubeConfig());
  const logged: string[] = [];
  const output = new Map<string, string>();
  const controllers = await startControllers({
    kubeConfig,
    logSink: (namespace, pod, container, text) => {
      const key = `${namespace}/${pod}/${container}`;
      output.set(key, (output.get(key) ?? '') + text);
      server.appendPodLog(namespace, pod, container, text);
    },
    logger: quietLogger(logged),
    ...options,
    timings: { ...FAST_TIMINGS, ...options.timings },
  });
  return {
    server,
    controllers,
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    batch: kubeConfig.makeApiClient(BatchV1Api),
    logged,
    output,
    async stop() {
      await controllers.stop();
      await server.close();
    },
  };
}

/** The pods of a namespace labelled `app=<app>`, as the workload controllers label them. */
export async function podsOfApp(
  cluster: TestCluster,
  app: string,
  namespace = 'default',
): Promise<V1Pod[]> {
  const list = await cluster.core.listNamespacedPod({
    namespace,
    labelSelector: `app=${app}`,
  });
  return list.items;
}

/**
 * Polls `probe` until it returns something truthy (and returns that), failing with the last
 * value seen after `timeoutMs`.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/** A minimal container. */
export const container = (name = 'app', image = 'nginx:1.27') => ({
  name,
  image,
});

import { makeClients } from './runtime/clients';
import { Controller, ControllerContext, Informers } from './runtime/context';
import { eventSink, noEvents } from './runtime/events';
import { deploymentController } from './deployment/controller';
import { jobController } from './job/controller';
import { Kubelet, kubeletController } from './kubelet';
import { replicaSetController } from './replicaset';
import { statefulSetController } from './statefulset';
import { vclusterController } from './vcluster';
import type {
  ControllerLogger,
  ControllerOptions,
  ControllerTimings,
  RunningControllers,
} from './types';

export type {
  ControllerLogger,
  ControllerOptions,
  ControllerTimings,
  EnabledControllers,
  NestedCluster,
  ProcessPodRule,
  RunningControllers,
  VClusterHooks,
} from './types';
export { ANNOTATION_PREFIX } from './kubelet/behavior';
export type { Behavior } from './kubelet/behavior';

/** The durations used when the options do not say otherwise. */
export const DEFAULT_TIMINGS: ControllerTimings = {
  jobPodRunMs: 200,
  crashRunMs: 500,
  restartBackoffMs: 2000,
  maxRestartBackoffMs: 60000,
  maxProbePeriodMs: 1000,
  probeDelayMsPerSecond: 1000,
  maxTerminationGraceMs: 30000,
  jobBackoffMs: 0,
  msPerSecond: 1000,
  watchRetryMs: 200,
};

// How long start-up waits for the first lists before carrying on (the informers keep trying).
const SYNC_WAIT_MS = 10000;

const consoleLogger: ControllerLogger = {
  info: () => undefined,
  warn: message =>
    process.stderr.write(`[kube-emulator controllers] ${message}\n`),
  error: message =>
    process.stderr.write(`[kube-emulator controllers] ${message}\n`),
};

/**
 * Starts the emulator's controllers — Deployments, ReplicaSets, StatefulSets, Jobs, the kubelet
 * and the vCluster controller — against the API server `options.kubeConfig` points at. They use
 * nothing but the Kubernetes API, like kube-controller-manager and the kubelet do. Resolves once
 * their caches are filled (or after 10 s if the server is not answering yet).
 */
export async function startControllers(
  options: ControllerOptions,
): Promise<RunningControllers> {
  const enabled = {
    deployments: true,
    replicasets: true,
    statefulsets: true,
    jobs: true,
    kubelet: true,
    vcluster: true,
    events: true,
    ...options.enabled,
  };
  const logger = options.logger ?? consoleLogger;
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const nodeName = options.nodeName ?? 'emulator-node';
  const clients = makeClients(options.kubeConfig);
  const events = enabled.events
    ? eventSink(clients.core, nodeName, logger)
    : noEvents;
  const informers = new Informers(clients, logger, timings.watchRetryMs);
  const ctx: ControllerContext = {
    clients,
    informers,
    events,
    logger,
    timings,
    nodeName,
  };

  const controllers: Controller[] = [];
  if (enabled.deployments) controllers.push(deploymentController(ctx));
  if (enabled.replicasets) controllers.push(replicaSetController(ctx));
  if (enabled.statefulsets) controllers.push(statefulSetController(ctx));
  if (enabled.jobs) controllers.push(jobController(ctx));
  let kubelet: Kubelet | undefined;
  if (enabled.kubelet) {
    kubelet = kubeletController(ctx, options);
    controllers.push(kubelet);
  }
  if (enabled.vcluster && options.vcluster) {
    controllers.push(vclusterController(ctx, options.vcluster, kubelet));
  }

  for (const controller of controllers) controller.start();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    informers.start(),
    new Promise<void>(resolve => {
      timer = setTimeout(() => {
        logger.warn('API server not answering yet; controllers keep trying');
        resolve();
      }, SYNC_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        // Controllers first (they kill processes, stop nested servers), then the watches.
        await Promise.all(controllers.map(c => c.stop()));
        await informers.stop();
        await events.stop();
      })();
      return stopping;
    },
  };
}

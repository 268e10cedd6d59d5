import type { V1Pod } from '@kubernetes/client-node';
import {
  MERGE_PATCH,
  describeError,
  ignoreNotFound,
  statusCode,
} from '../runtime/clients';
import type { Controller, ControllerContext } from '../runtime/context';
import { controllerOf } from '../runtime/objects';
import { isTerminal } from '../runtime/pods';
import { Timers } from '../runtime/sleep';
import type { ControllerOptions } from '../types';
import { behaviorOf } from './behavior';
import { containerEnv } from './env';
import { IpAllocator } from './ipam';
import { ContainerPlan, PodRuntime } from './pod';
import { ruleMatches, startProcess } from './process';
import { registerNode } from './node';
import { reapOrphanedProcessPods, recordProcess } from './orphans';
import {
  materializeVolumes,
  removePodVolumes,
  rewriteMountedPaths,
} from './volumes';

const HOST_IP = '127.0.0.1';

/** The kubelet, plus the hooks other controllers use to hold a pod's readiness back. */
export interface Kubelet extends Controller {
  /** Adds a check; a pod is Ready only when every check returns true (or undefined). */
  addReadinessHook(hook: (pod: V1Pod) => boolean | undefined): void;
  /** Re-evaluates a pod's status (after a readiness hook's answer changed). */
  refresh(namespace: string, name: string): void;
}

/**
 * The emulated node's kubelet (and scheduler): binds unscheduled pods to the node, gives each a
 * pod IP from the loopback range, runs its containers (simulated, or real processes for pods
 * matching a process rule), reports status, and ends pods that are deleted.
 */
export function kubeletController(
  ctx: ControllerContext,
  options: Pick<ControllerOptions, 'processPods' | 'podIpRange' | 'logSink'>,
): Kubelet {
  const { clients, timings, nodeName, logger } = ctx;
  const pods = ctx.informers.pods();
  const events = ctx.events.recorder('kubelet');
  const scheduler = ctx.events.recorder('default-scheduler');
  const ips = new IpAllocator(options.podIpRange ?? '127.1.0.0/16');
  const runtimes = new Map<string, PodRuntime>();
  const binding = new Set<string>();
  const finalizing = new Set<string>();
  const hooks: ((pod: V1Pod) => boolean | undefined)[] = [];
  const retries = new Timers();
  let bindWithPatch = false;
  let stopped = false;
  // Orphans of a killed emulator are reaped once, before this kubelet starts any process.
  let reaped: Promise<void> = Promise.resolve();
  let nodeTimer: { stop(): void } | undefined;

  const grace = (pod: V1Pod) =>
    Math.min(
      timings.maxTerminationGraceMs,
      (pod.metadata?.deletionGracePeriodSeconds ??
        pod.spec?.terminationGracePeriodSeconds ??
        30) * 1000,
    );

  const host = {
    timings,
    hostIP: HOST_IP,
    events,
    gateOpen: (pod: V1Pod) => hooks.every(hook => hook(pod) !== false),
    writeStatus: async (pod: V1Pod, status: object) => {
      await ignoreNotFound(
        clients.core.patchNamespacedPodStatus(
          {
            name: pod.metadata!.name!,
            namespace: pod.metadata!.namespace!,
            body: { status },
          },
          MERGE_PATCH,
        ),
      );
    },
  };

  const plans = (pod: V1Pod): ContainerPlan[] => {
    const isJobPod = controllerOf(pod)?.kind === 'Job';
    return (pod.spec?.containers ?? []).map((container, i) => {
      const behavior = behaviorOf(pod, container.name);
      const rule = (options.processPods ?? []).find(r =>
        ruleMatches(r, container.image, pod.metadata?.labels, i === 0),
      );
      if (rule && behavior.behavior === 'run') {
        return {
          behavior,
          spawn: async (runtime: PodRuntime) => {
            const current = runtime.pod;
            const mounts = await materializeVolumes(
              clients.core,
              current,
              container,
            );
            const env = rewriteMountedPaths(
              await containerEnv(
                clients.core,
                current,
                container,
                runtime.podIP,
                HOST_IP,
              ),
              mounts,
            );
            const { namespace, name } = current.metadata!;
            // An orphan of an emulator killed earlier may hold this pod IP's ports.
            await reaped;
            const started = startProcess(
              rule,
              container.args ?? [],
              {
                ...(process.env as Record<string, string>),
                ...rule.env,
                ...env,
                POD_IP: runtime.podIP,
                POD_NAME: name!,
                POD_NAMESPACE: namespace!,
                HOST: runtime.podIP,
              },
              text =>
                options.logSink?.(namespace!, name!, container.name, text),
            );
            if (started.pid !== undefined) {
              await recordProcess(
                current.metadata!.uid!,
                container.name,
                started.pid,
                rule.command,
              ).catch(error =>
                logger.warn(
                  `recording the process of pod ${namespace}/${name}: ${describeError(
                    error,
                  )}`,
                ),
              );
            }
            return started;
          },
        };
      }
      let runMs = behavior.runMs;
      if (['crashloop', 'fail'].includes(behavior.behavior)) {
        runMs ??= timings.crashRunMs;
      } else if (behavior.behavior === 'complete' || isJobPod) {
        runMs ??= timings.jobPodRunMs;
      }
      return { behavior, runMs };
    });
  };

  const podExists = async (namespace: string, name: string) => {
    try {
      await clients.core.readNamespacedPod({ name, namespace });
      return true;
    } catch (error) {
      if (statusCode(error) === 404) return false;
      throw error;
    }
  };

  const bind = async (pod: V1Pod) => {
    const { name, namespace, uid } = pod.metadata!;
    if (binding.has(uid!)) return;
    binding.add(uid!);
    try {
      if (!bindWithPatch) {
        try {
          await clients.core.createNamespacedPodBinding({
            name: name!,
            namespace: namespace!,
            body: {
              apiVersion: 'v1',
              kind: 'Binding',
              metadata: { name: name!, namespace: namespace! },
              target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
            },
          });
        } catch (error) {
          // A server without pods/binding: set spec.nodeName directly instead. A 404 also
          // answers a pod deleted before it was bound: that must not switch this kubelet to
          // patching for good (the API server refuses spec changes of existing pods).
          if (![404, 405, 501].includes(statusCode(error) ?? 0)) throw error;
          if (
            statusCode(error) === 404 &&
            !(await podExists(namespace!, name!))
          ) {
            throw error;
          }
          bindWithPatch = true;
        }
      }
      if (bindWithPatch) {
        await clients.core.patchNamespacedPod(
          { name: name!, namespace: namespace!, body: { spec: { nodeName } } },
          MERGE_PATCH,
        );
      }
      scheduler.event(
        pod,
        'Normal',
        'Scheduled',
        `Successfully assigned ${namespace}/${name} to ${nodeName}`,
      );
    } catch (error) {
      binding.delete(uid!);
      if (statusCode(error) !== 404 && !stopped) {
        logger.warn(
          `binding pod ${namespace}/${name}: ${describeError(error)}`,
        );
        retries.set(uid!, 500, () => {
          const current = pods.get(namespace, name!);
          if (current) sync(current);
        });
      }
    }
  };

  /** Ends a pod's containers; then, if the API still holds it, completes its graceful deletion. */
  const end = async (pod: V1Pod, finalize: boolean) => {
    const uid = pod.metadata!.uid!;
    if (finalize) {
      // Once per pod: later updates of the terminating pod must not cut its grace period short.
      if (finalizing.has(uid)) return;
      finalizing.add(uid);
    }
    const runtime = runtimes.get(uid);
    runtimes.delete(uid);
    await runtime?.stop(grace(pod));
    await removePodVolumes(uid).catch(() => {});
    if (!finalize) {
      ips.release(uid);
      return;
    }
    await ignoreNotFound(
      clients.core.deleteNamespacedPod({
        name: pod.metadata!.name!,
        namespace: pod.metadata!.namespace!,
        gracePeriodSeconds: 0,
        body: { preconditions: { uid } },
      }),
    ).catch(error => {
      if (stopped) return;
      logger.warn(
        `deleting pod ${pod.metadata?.name}: ${describeError(error)}`,
      );
      finalizing.delete(uid);
      retries.set(uid, 500, () => {
        const current = pods.get(pod.metadata?.namespace, pod.metadata!.name!);
        if (current) sync(current);
      });
    });
  };

  function sync(pod: V1Pod): void {
    if (stopped) return;
    const assigned = pod.spec?.nodeName;
    if (assigned && assigned !== nodeName) return;
    const uid = pod.metadata!.uid!;
    if (pod.metadata?.deletionTimestamp) {
      void end(pod, true);
      return;
    }
    if (!assigned) {
      if (!pod.spec?.schedulingGates?.length) void bind(pod);
      return;
    }
    const runtime = runtimes.get(uid);
    if (runtime) {
      runtime.update(pod);
      return;
    }
    if (isTerminal(pod)) return;
    const ip = ips.allocate(uid, pod.status?.podIP);
    const created = new PodRuntime(pod, ip, host, plans(pod));
    runtimes.set(uid, created);
    created.start();
  }

  return {
    start() {
      reaped = reapOrphanedProcessPods().then(
        count => {
          if (count > 0)
            logger.info(
              `ended ${count} process pod(s) left running by an emulator that was killed`,
            );
        },
        error =>
          logger.warn(`reaping orphaned process pods: ${describeError(error)}`),
      );
      pods.on({
        add: sync,
        update: sync,
        delete: pod => {
          binding.delete(pod.metadata!.uid!);
          finalizing.delete(pod.metadata!.uid!);
          void end(pod, false);
        },
      });
      nodeTimer = registerNode(clients.core, nodeName, HOST_IP, logger);
    },
    async stop() {
      stopped = true;
      retries.clearAll();
      nodeTimer?.stop();
      await Promise.all(
        [...runtimes.entries()].map(([uid, runtime]) => {
          runtimes.delete(uid);
          return runtime
            .stop(Math.min(grace(runtime.pod), timings.maxTerminationGraceMs))
            .then(() => removePodVolumes(uid).catch(() => {}));
        }),
      );
    },
    addReadinessHook(hook) {
      hooks.push(hook);
    },
    refresh(namespace, name) {
      const pod = pods.get(namespace, name);
      if (pod) runtimes.get(pod.metadata!.uid!)?.update(pod);
    },
  };
}

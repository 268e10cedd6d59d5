import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { MERGE_PATCH, ignoreNotFound } from './runtime/clients';
import type { Controller, ControllerContext } from './runtime/context';
import { Expectations } from './runtime/expectations';
import { ownedPods, watchOwnedPods } from './runtime/owned';
import { sameJson, splitKey } from './runtime/objects';
import {
  deletionOrder,
  isActive,
  isAvailable,
  isReady,
  msUntilAvailable,
  podFromTemplate,
} from './runtime/pods';
import { WorkQueue } from './runtime/workqueue';

// Pods created or deleted concurrently per reconcile, like the real controller's burst limit.
const BURST = 50;

/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods (named `<rs>-xxxxx` by the API
 * server's generateName) controlled by each ReplicaSet, and keeps its status current.
 */
export function replicaSetController(ctx: ControllerContext): Controller {
  const { informers, clients, timings } = ctx;
  const events = ctx.events.recorder('replicaset-controller');
  const replicaSets = informers.replicaSets();
  const pods = informers.pods();
  const expectations = new Expectations();

  const createPods = async (rs: V1ReplicaSet, count: number) => {
    const uid = rs.metadata!.uid!;
    expectations.expect(uid, count);
    const namespace = rs.metadata!.namespace!;
    await Promise.all(
      Array.from({ length: count }, async () => {
        const body = podFromTemplate(rs.spec?.template, rs as any, {
          generateName: `${rs.metadata!.name}-`,
        });
        try {
          const pod = await clients.core.createNamespacedPod({
            namespace,
            body,
          });
          events.event(
            rs,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${pod.metadata?.name}`,
          );
        } catch (error) {
          expectations.observeAdd(uid);
          events.event(
            rs,
            'Warning',
            'FailedCreate',
            `Error creating: ${String(error)}`,
          );
          throw error;
        }
      }),
    );
  };

  const deletePods = async (rs: V1ReplicaSet, victims: V1Pod[]) => {
    const uid = rs.metadata!.uid!;
    expectations.expect(
      uid,
      0,
      victims.map(p => p.metadata!.uid!),
    );
    await Promise.all(
      victims.map(async pod => {
        const deleted = await ignoreNotFound(
          clients.core.deleteNamespacedPod({
            name: pod.metadata!.name!,
            namespace: pod.metadata!.namespace!,
          }),
        );
        if (!deleted) expectations.observeDelete(uid, pod.metadata!.uid);
        events.event(
          rs,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata?.name}`,
        );
      }),
    );
  };

  const updateStatus = async (rs: V1ReplicaSet, active: V1Pod[]) => {
    const minReady = rs.spec?.minReadySeconds;
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const status = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter(p =>
        Object.entries(templateLabels).every(
          ([k, v]) => p.metadata?.labels?.[k] === v,
        ),
      ).length,
      readyReplicas: active.filter(isReady).length,
      availableReplicas: active.filter(p =>
        isAvailable(p, minReady, timings.msPerSecond),
      ).length,
      observedGeneration: rs.metadata?.generation,
    };
    const current = {
      replicas: rs.status?.replicas ?? 0,
      fullyLabeledReplicas: rs.status?.fullyLabeledReplicas ?? 0,
      readyReplicas: rs.status?.readyReplicas ?? 0,
      availableReplicas: rs.status?.availableReplicas ?? 0,
      observedGeneration: rs.status?.observedGeneration,
    };
    if (!sameJson(status, current)) {
      await ignoreNotFound(
        clients.apps.patchNamespacedReplicaSetStatus(
          {
            name: rs.metadata!.name!,
            namespace: rs.metadata!.namespace!,
            body: { status },
          },
          MERGE_PATCH,
        ),
      );
    }
    // Pods Ready but not yet available for minReadySeconds: look again when they are.
    const waits = active
      .map(p => msUntilAvailable(p, minReady, timings.msPerSecond))
      .filter((ms): ms is number => ms !== undefined);
    return waits.length ? { requeueAfterMs: Math.min(...waits) } : undefined;
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitKey(key);
    const rs = replicaSets.get(namespace, name);
    if (!rs || rs.metadata?.deletionTimestamp) return undefined;
    const uid = rs.metadata!.uid!;
    const owned = ownedPods(pods, namespace, uid);
    const active = owned.filter(isActive);
    const want = rs.spec?.replicas ?? 1;

    if (expectations.satisfied(uid)) {
      if (active.length < want) {
        await createPods(rs, Math.min(BURST, want - active.length));
      } else if (active.length > want) {
        const victims = [...active]
          .sort(deletionOrder)
          .slice(0, Math.min(BURST, active.length - want));
        await deletePods(rs, victims);
      }
    }
    return updateStatus(rs, active);
  };

  const queue = new WorkQueue('replicaset', reconcile, ctx.logger);
  replicaSets.on({
    add: rs => queue.add(`${rs.metadata?.namespace}/${rs.metadata?.name}`),
    update: rs => queue.add(`${rs.metadata?.namespace}/${rs.metadata?.name}`),
    delete: rs => expectations.forget(rs.metadata?.uid ?? ''),
  });
  watchOwnedPods(pods, 'ReplicaSet', expectations, key => queue.add(key));

  return {
    start: () => undefined,
    stop: () => queue.stop(),
  };
}

import type { V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { MERGE_PATCH, ignoreNotFound, statusCode } from './runtime/clients';
import type { Controller, ControllerContext } from './runtime/context';
import { Expectations } from './runtime/expectations';
import { sameJson, splitKey, templateHash } from './runtime/objects';
import { WorkQueue } from './runtime/workqueue';
import { ownedPods, watchOwnedPods } from './runtime/owned';
import {
  isAvailable,
  isReady,
  isTerminal,
  podFromTemplate,
} from './runtime/pods';

const REVISION_LABEL = 'controller-revision-hash';

const runningAndReady = (pod: V1Pod | undefined) =>
  !!pod &&
  pod.status?.phase === 'Running' &&
  isReady(pod) &&
  !pod.metadata?.deletionTimestamp;

/**
 * The StatefulSet controller: pods `<name>-0 … <name>-(N-1)` with stable names, created in order
 * (each once the one before is Running and Ready, unless podManagementPolicy is Parallel),
 * removed from the highest ordinal down, replaced highest first on a template change
 * (RollingUpdate with partition), a PVC per volumeClaimTemplate and ordinal.
 */
export function statefulSetController(ctx: ControllerContext): Controller {
  const { informers, clients } = ctx;
  const events = ctx.events.recorder('statefulset-controller');
  const sets = informers.statefulSets();
  const pods = informers.pods();
  const expectations = new Expectations();
  const claimsMade = new Set<string>();

  /** Creates the PVC of a claim template (kept on scale-down, like the default Retain policy). */
  const ensureClaim = async (
    sts: V1StatefulSet,
    claimName: string,
    template: NonNullable<
      NonNullable<V1StatefulSet['spec']>['volumeClaimTemplates']
    >[number],
    podName: string,
  ) => {
    const namespace = sts.metadata!.namespace!;
    const key = `${sts.metadata!.uid}/${claimName}`;
    if (claimsMade.has(key)) return;
    try {
      await clients.core.createNamespacedPersistentVolumeClaim({
        namespace,
        body: {
          metadata: {
            name: claimName,
            namespace,
            labels: {
              ...sts.spec?.selector?.matchLabels,
              ...template.metadata?.labels,
            },
          },
          spec: template.spec,
        },
      });
      await ignoreNotFound(
        clients.core.patchNamespacedPersistentVolumeClaimStatus(
          {
            name: claimName,
            namespace,
            body: {
              status: {
                phase: 'Bound',
                accessModes: template.spec?.accessModes,
                capacity: template.spec?.resources?.requests,
              },
            },
          },
          MERGE_PATCH,
        ),
      );
      events.event(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${claimName} Pod ${podName} in StatefulSet ${
          sts.metadata!.name
        } success`,
      );
    } catch (error) {
      if (statusCode(error) !== 409) throw error;
    }
    claimsMade.add(key);
  };

  const createPod = async (
    sts: V1StatefulSet,
    ordinal: number,
    revision: string,
  ) => {
    const setName = sts.metadata!.name!;
    const namespace = sts.metadata!.namespace!;
    const podName = `${setName}-${ordinal}`;
    const body = podFromTemplate(
      sts.spec?.template,
      sts as any,
      { name: podName },
      {
        labels: {
          [REVISION_LABEL]: revision,
          'statefulset.kubernetes.io/pod-name': podName,
          'apps.kubernetes.io/pod-index': String(ordinal),
        },
      },
    );
    body.spec!.hostname = podName;
    if (sts.spec?.serviceName) body.spec!.subdomain = sts.spec.serviceName;
    for (const template of sts.spec?.volumeClaimTemplates ?? []) {
      const claimName = `${template.metadata?.name}-${podName}`;
      await ensureClaim(sts, claimName, template, podName);
      const volumes = (body.spec!.volumes ??= []);
      if (!volumes.some(v => v.name === template.metadata?.name)) {
        volumes.push({
          name: template.metadata!.name!,
          persistentVolumeClaim: { claimName },
        });
      }
    }
    expectations.expect(sts.metadata!.uid!, 1);
    try {
      await clients.core.createNamespacedPod({ namespace, body });
    } catch (error) {
      expectations.observeAdd(sts.metadata!.uid);
      // 409: the previous pod of that name is still being deleted; the next pass retries.
      if (statusCode(error) === 409) return;
      throw error;
    }
    events.event(
      sts,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${podName} in StatefulSet ${setName} successful`,
    );
  };

  /** One ordered step towards the desired pods; returns after issuing at most what is allowed. */
  const step = async (
    sts: V1StatefulSet,
    byOrdinal: Map<number, V1Pod>,
    replicas: number,
    revision: string,
  ) => {
    const name = sts.metadata!.name!;
    const uid = sts.metadata!.uid!;
    const parallel = sts.spec?.podManagementPolicy === 'Parallel';
    const remove = async (pod: V1Pod) => {
      expectations.expect(uid, 0, [pod.metadata!.uid!]);
      await ignoreNotFound(
        clients.core.deleteNamespacedPod({
          name: pod.metadata!.name!,
          namespace: pod.metadata!.namespace!,
        }),
      );
      events.event(
        sts,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${pod.metadata!.name} in StatefulSet ${name} successful`,
      );
    };

    // Finished pods of a StatefulSet are replaced, as the real controller does.
    for (const [ordinal, pod] of byOrdinal) {
      if (
        ordinal < replicas &&
        isTerminal(pod) &&
        !pod.metadata?.deletionTimestamp
      ) {
        await remove(pod);
        return;
      }
    }
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const pod = byOrdinal.get(ordinal);
      if (!pod) {
        await createPod(sts, ordinal, revision);
        if (!parallel) return;
      } else if (!parallel && !runningAndReady(pod)) {
        return; // OrderedReady: wait for this one first
      }
    }
    const condemned = [...byOrdinal.keys()]
      .filter(o => o >= replicas)
      .sort((a, b) => b - a);
    if (
      condemned.some(o => byOrdinal.get(o)!.metadata?.deletionTimestamp) &&
      !parallel
    )
      return;
    for (const ordinal of condemned) {
      const pod = byOrdinal.get(ordinal)!;
      if (pod.metadata?.deletionTimestamp) continue;
      await remove(pod);
      if (!parallel) return;
    }
    if (condemned.length > 0 || sts.spec?.updateStrategy?.type === 'OnDelete')
      return;
    // RollingUpdate: replace the highest outdated pod at or above the partition, one at a time.
    const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let ordinal = replicas - 1; ordinal >= partition; ordinal--) {
      const pod = byOrdinal.get(ordinal);
      if (!pod || pod.metadata?.deletionTimestamp) return;
      if (pod.metadata?.labels?.[REVISION_LABEL] !== revision) {
        await remove(pod);
        return;
      }
    }
  };

  const updateStatus = async (
    sts: V1StatefulSet,
    owned: V1Pod[],
    revision: string,
  ) => {
    const live = owned.filter(p => !p.metadata?.deletionTimestamp);
    const updated = live.filter(
      p => p.metadata?.labels?.[REVISION_LABEL] === revision,
    ).length;
    const previous = sts.status ?? { replicas: 0 };
    const currentRevision =
      updated === live.length || !previous.currentRevision
        ? revision
        : previous.currentRevision;
    const status = {
      observedGeneration: sts.metadata?.generation,
      replicas: live.length,
      readyReplicas: live.filter(isReady).length,
      availableReplicas: live.filter(p =>
        isAvailable(p, sts.spec?.minReadySeconds, ctx.timings.msPerSecond),
      ).length,
      currentReplicas: live.filter(
        p => p.metadata?.labels?.[REVISION_LABEL] === currentRevision,
      ).length,
      updatedReplicas: updated,
      currentRevision,
      updateRevision: revision,
      collisionCount: previous.collisionCount ?? 0,
    };
    const before = {
      observedGeneration: previous.observedGeneration,
      replicas: previous.replicas ?? 0,
      readyReplicas: previous.readyReplicas ?? 0,
      availableReplicas: previous.availableReplicas ?? 0,
      currentReplicas: previous.currentReplicas ?? 0,
      updatedReplicas: previous.updatedReplicas ?? 0,
      currentRevision: previous.currentRevision,
      updateRevision: previous.updateRevision,
      collisionCount: previous.collisionCount ?? 0,
    };
    if (sameJson(status, before)) return;
    await ignoreNotFound(
      clients.apps.patchNamespacedStatefulSetStatus(
        {
          name: sts.metadata!.name!,
          namespace: sts.metadata!.namespace!,
          body: { status },
        },
        MERGE_PATCH,
      ),
    );
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitKey(key);
    const sts = sets.get(namespace, name);
    if (!sts || sts.metadata?.deletionTimestamp) return;
    const uid = sts.metadata!.uid!;
    const replicas = sts.spec?.replicas ?? 1;
    const revision = `${name}-${templateHash(sts.spec?.template)}`;
    const owned = ownedPods(pods, namespace, uid);
    const byOrdinal = new Map<number, V1Pod>();
    for (const pod of owned) {
      const ordinal = ordinalOf(name, pod.metadata?.name);
      if (ordinal !== undefined) byOrdinal.set(ordinal, pod);
    }
    if (expectations.satisfied(uid)) {
      await step(sts, byOrdinal, replicas, revision);
    }
    await updateStatus(sts, owned, revision);
  };

  const queue = new WorkQueue('statefulset', reconcile, ctx.logger);
  const enqueue = (sts: V1StatefulSet) =>
    queue.add(`${sts.metadata?.namespace}/${sts.metadata?.name}`);
  sets.on({
    add: enqueue,
    update: enqueue,
    delete: sts => expectations.forget(sts.metadata?.uid ?? ''),
  });
  watchOwnedPods(pods, 'StatefulSet', expectations, key => queue.add(key));
  return { start: () => undefined, stop: () => queue.stop() };
}

/** The ordinal of a StatefulSet pod name (`web-3` → 3), if it is one. */
export function ordinalOf(
  setName: string,
  podName: string | undefined,
): number | undefined {
  if (!podName?.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { MERGE_PATCH, ignoreNotFound, statusCode } from '../runtime/clients';
import type { Controller, ControllerContext } from '../runtime/context';
import {
  controllerOf,
  controllerRef,
  isControlledBy,
  sameJson,
  splitKey,
  templateHash,
  toPlain,
} from '../runtime/objects';
import { WorkQueue } from '../runtime/workqueue';
import {
  REVISION,
  ScalePlan,
  recreateStep,
  revisionOf,
  rollingStep,
  surgeAndUnavailable,
} from './rollout';
import { deploymentStatus } from './status';

const HASH_LABEL = 'pod-template-hash';

/**
 * The Deployment controller: one ReplicaSet per pod template (`<deployment>-<hash>`, labelled
 * `pod-template-hash`), rolled over with the RollingUpdate or Recreate strategy, revisions in
 * `deployment.kubernetes.io/revision`, old ReplicaSets pruned to `revisionHistoryLimit`.
 */
export function deploymentController(ctx: ControllerContext): Controller {
  const { informers, clients } = ctx;
  const events = ctx.events.recorder('deployment-controller');
  const deployments = informers.deployments();
  const replicaSets = informers.replicaSets();
  const pods = informers.pods();

  const createReplicaSet = async (
    d: V1Deployment,
    hash: string,
    oldRSs: V1ReplicaSet[],
  ): Promise<V1ReplicaSet> => {
    const template = toPlain(d.spec?.template ?? {});
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [HASH_LABEL]: hash },
    };
    const revision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
    const replicas = d.spec?.replicas ?? 1;
    const { surge } = surgeAndUnavailable(d);
    const rsName = `${d.metadata!.name}-${hash}`;
    const body: V1ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: d.metadata!.namespace,
        labels: template.metadata.labels,
        annotations: {
          [REVISION]: String(revision),
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + surge),
        },
        ownerReferences: [controllerRef(d as any)],
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec?.minReadySeconds,
        selector: {
          ...d.spec?.selector,
          matchLabels: { ...d.spec?.selector?.matchLabels, [HASH_LABEL]: hash },
        },
        template,
      },
    };
    let rs: V1ReplicaSet;
    try {
      rs = toPlain(
        await clients.apps.createNamespacedReplicaSet({
          namespace: d.metadata!.namespace!,
          body,
        }),
      );
    } catch (error) {
      if (statusCode(error) !== 409) throw error;
      // Created by an earlier pass the cache has not shown yet.
      rs = toPlain(
        await clients.apps.readNamespacedReplicaSet({
          name: rsName,
          namespace: d.metadata!.namespace!,
        }),
      );
      if (!isControlledBy(rs, d.metadata?.uid)) {
        throw new Error(
          `ReplicaSet ${rsName} exists and is not owned by ${d.metadata!.name}`,
        );
      }
    }
    rs.apiVersion ??= 'apps/v1';
    rs.kind ??= 'ReplicaSet';
    if (d.metadata?.annotations?.[REVISION] !== String(revisionOf(rs))) {
      await ignoreNotFound(
        clients.apps.patchNamespacedDeployment(
          {
            name: d.metadata!.name!,
            namespace: d.metadata!.namespace!,
            body: {
              metadata: { annotations: { [REVISION]: String(revisionOf(rs)) } },
            },
          },
          MERGE_PATCH,
        ),
      );
    }
    return rs;
  };

  const setRevision = async (rs: V1ReplicaSet, revision: number) => {
    rs.metadata!.annotations = {
      ...rs.metadata?.annotations,
      [REVISION]: String(revision),
    };
    await clients.apps.patchNamespacedReplicaSet(
      {
        name: rs.metadata!.name!,
        namespace: rs.metadata!.namespace!,
        body: { metadata: { annotations: { [REVISION]: String(revision) } } },
      },
      MERGE_PATCH,
    );
    const owner = controllerOf(rs);
    if (owner) {
      await ignoreNotFound(
        clients.apps.patchNamespacedDeployment(
          {
            name: owner.name,
            namespace: rs.metadata!.namespace!,
            body: {
              metadata: { annotations: { [REVISION]: String(revision) } },
            },
          },
          MERGE_PATCH,
        ),
      );
    }
  };

  const applyPlan = async (
    d: V1Deployment,
    owned: V1ReplicaSet[],
    plan: ScalePlan,
  ) => {
    const replicas = d.spec?.replicas ?? 1;
    const { surge } = surgeAndUnavailable(d);
    for (const [rsName, size] of plan) {
      const rs = owned.find(r => r.metadata?.name === rsName);
      const from = rs?.spec?.replicas ?? 0;
      await clients.apps.patchNamespacedReplicaSet(
        {
          name: rsName,
          namespace: d.metadata!.namespace!,
          body: {
            metadata: {
              annotations: {
                'deployment.kubernetes.io/desired-replicas': String(replicas),
                'deployment.kubernetes.io/max-replicas': String(
                  replicas + surge,
                ),
              },
            },
            spec: { replicas: size },
          },
        },
        MERGE_PATCH,
      );
      if (rs?.spec) rs.spec.replicas = size;
      events.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${
          size > from ? 'up' : 'down'
        } replica set ${rsName} from ${from} to ${size}`,
      );
    }
  };

  const pruneHistory = async (d: V1Deployment, oldRSs: V1ReplicaSet[]) => {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const idle = oldRSs
      .filter(
        rs =>
          (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      await ignoreNotFound(
        clients.apps.deleteNamespacedReplicaSet({
          name: rs.metadata!.name!,
          namespace: rs.metadata!.namespace!,
        }),
      );
    }
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitKey(key);
    const d = deployments.get(namespace, name);
    if (!d || d.metadata?.deletionTimestamp) return undefined;
    const owned = replicaSets.list(
      rs =>
        rs.metadata?.namespace === namespace &&
        isControlledBy(rs, d.metadata?.uid),
    );
    const hash = templateHash(d.spec?.template);
    let newRS = owned.find(rs => rs.metadata?.labels?.[HASH_LABEL] === hash);
    const oldRSs = owned.filter(rs => rs !== newRS);
    let created = false;

    if (!newRS && !d.spec?.paused) {
      newRS = await createReplicaSet(d, hash, oldRSs);
      created = true;
    } else if (
      newRS &&
      oldRSs.some(rs => revisionOf(rs) > revisionOf(newRS!))
    ) {
      // A rollback to an older template: that ReplicaSet becomes the newest revision.
      await setRevision(newRS, Math.max(...oldRSs.map(revisionOf)) + 1);
    }

    if (newRS && !d.spec?.paused) {
      const oldPods = pods.list(p =>
        oldRSs.some(rs => isControlledBy(p, rs.metadata?.uid)),
      ).length;
      const plan =
        d.spec?.strategy?.type === 'Recreate'
          ? recreateStep(d, newRS, oldRSs, oldPods)
          : rollingStep(d, newRS, oldRSs);
      await applyPlan(d, owned.concat(created ? [newRS] : []), plan);
      await pruneHistory(d, oldRSs);
    }
    const { status, deadlineInMs } = deploymentStatus(
      d,
      created && newRS ? [...oldRSs, newRS] : owned,
      newRS,
      created,
      ctx.timings.msPerSecond,
    );
    if (!sameJson(status, d.status ?? {})) {
      await ignoreNotFound(
        clients.apps.patchNamespacedDeploymentStatus(
          { name, namespace, body: { status } },
          MERGE_PATCH,
        ),
      );
    }
    return deadlineInMs !== undefined
      ? { requeueAfterMs: deadlineInMs + 10 }
      : undefined;
  };

  const queue = new WorkQueue('deployment', reconcile, ctx.logger);
  const enqueue = (d: V1Deployment) =>
    queue.add(`${d.metadata?.namespace}/${d.metadata?.name}`);
  const enqueueOwner = (rs: V1ReplicaSet) => {
    const ref = controllerOf(rs);
    if (ref?.kind === 'Deployment')
      queue.add(`${rs.metadata?.namespace}/${ref.name}`);
  };
  deployments.on({ add: enqueue, update: enqueue });
  replicaSets.on({
    add: enqueueOwner,
    update: enqueueOwner,
    delete: enqueueOwner,
  });

  return {
    start: () => undefined,
    stop: () => queue.stop(),
  };
}

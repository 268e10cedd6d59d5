import { KubeConfig, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import {
  MERGE_PATCH,
  describeError,
  ignoreNotFound,
  isNotFound,
} from './runtime/clients';
import type { Controller, ControllerContext } from './runtime/context';
import { controllerOf, splitKey } from './runtime/objects';
import { WorkQueue } from './runtime/workqueue';
import type { Kubelet } from './kubelet';
import type { NestedCluster, VClusterHooks } from './types';

const isVCluster = (sts: V1StatefulSet | undefined) =>
  sts?.metadata?.labels?.app === 'vcluster';

interface VClusterState {
  uid: string;
  nested?: NestedCluster;
  /** URL the Secret was last written for. */
  secretFor?: string;
}

/**
 * The vCluster controller: a StatefulSet labelled `app=vcluster` gets a nested API server
 * (through the injected `startNested`); once it is up, Secret `vc-<name>` holds a kubeconfig that
 * reaches it, and the StatefulSet's pods may turn Ready. Scaling to 0 stops the nested server and
 * keeps its objects; scaling up resumes it; deleting the StatefulSet (or its namespace) stops it
 * for good, forgets its objects and removes the Secret.
 */
export function vclusterController(
  ctx: ControllerContext,
  hooks: VClusterHooks,
  kubelet: Kubelet | undefined,
): Controller {
  const { clients, logger } = ctx;
  const sets = ctx.informers.statefulSets();
  const events = ctx.events.recorder('vcluster');
  const states = new Map<string, VClusterState>();

  const refreshPods = (namespace: string, name: string, replicas: number) => {
    for (let i = 0; i < Math.max(1, replicas); i++)
      kubelet?.refresh(namespace, `${name}-${i}`);
  };

  const destroy = async (key: string, state: VClusterState) => {
    const { namespace, name } = splitKey(key);
    states.delete(key);
    await state.nested?.stop();
    await hooks.destroyNested?.(name, { namespace, key });
    await ignoreNotFound(
      clients.core.deleteNamespacedSecret({ name: `vc-${name}`, namespace }),
    );
  };

  /** Writes Secret `vc-<name>` the way the vCluster syncer does (key `config`, cert keys). */
  const writeSecret = async (sts: V1StatefulSet, nested: NestedCluster) => {
    const namespace = sts.metadata!.namespace!;
    const name = `vc-${sts.metadata!.name}`;
    const data: Record<string, string> = {
      config: Buffer.from(nested.kubeConfigYaml).toString('base64'),
    };
    const parsed = new KubeConfig();
    parsed.loadFromString(nested.kubeConfigYaml);
    const cluster = parsed.getCurrentCluster();
    const user = parsed.getCurrentUser();
    // Secret data is base64, as are the kubeconfig's *-data fields: they go in unchanged.
    if (cluster?.caData) data['certificate-authority'] = cluster.caData;
    if (user?.certData) data['client-certificate'] = user.certData;
    if (user?.keyData) data['client-key'] = user.keyData;
    try {
      await clients.core.patchNamespacedSecret(
        { name, namespace, body: { type: 'Opaque', data } },
        MERGE_PATCH,
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await clients.core.createNamespacedSecret({
        namespace,
        body: { metadata: { name, namespace }, type: 'Opaque', data },
      });
    }
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitKey(key);
    const sts = sets.get(namespace, name);
    let state = states.get(key);
    if (
      state &&
      (!sts ||
        sts.metadata?.deletionTimestamp ||
        sts.metadata?.uid !== state.uid)
    ) {
      await destroy(key, state);
      state = undefined;
    }
    if (!sts || sts.metadata?.deletionTimestamp || !isVCluster(sts)) return;
    if (!state) {
      state = { uid: sts.metadata!.uid! };
      states.set(key, state);
    }
    const replicas = sts.spec?.replicas ?? 1;
    if (replicas > 0 && !state.nested) {
      state.nested = await hooks.startNested(name, { namespace, key });
      events.event(
        sts,
        'Normal',
        'VirtualClusterStarted',
        `vCluster API server listening at ${state.nested.url}`,
      );
    } else if (replicas === 0 && state.nested) {
      const nested = state.nested;
      state.nested = undefined;
      await nested.stop();
      events.event(
        sts,
        'Normal',
        'VirtualClusterStopped',
        'vCluster scaled to 0: API server stopped, data kept',
      );
    }
    if (state.nested && state.secretFor !== state.nested.url) {
      await writeSecret(sts, state.nested);
      state.secretFor = state.nested.url;
    }
    refreshPods(namespace, name, replicas);
  };

  const queue = new WorkQueue('vcluster', reconcile, logger, 2);
  const enqueue = (sts: V1StatefulSet) => {
    const key = `${sts.metadata?.namespace}/${sts.metadata?.name}`;
    if (isVCluster(sts) || states.has(key)) queue.add(key);
  };
  sets.on({ add: enqueue, update: enqueue, delete: enqueue });

  kubelet?.addReadinessHook((pod: V1Pod) => {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'StatefulSet') return undefined;
    const key = `${pod.metadata?.namespace}/${owner.name}`;
    if (
      !isVCluster(sets.get(pod.metadata?.namespace, owner.name)) &&
      !states.has(key)
    ) {
      return undefined;
    }
    return !!states.get(key)?.nested;
  });

  return {
    start: () => undefined,
    async stop() {
      await queue.stop();
      // Stopping the controllers is not deleting the vClusters: their objects are kept.
      await Promise.all(
        [...states.values()].map(state =>
          state.nested
            ?.stop()
            .catch(error =>
              logger.warn(`stopping vCluster: ${describeError(error)}`),
            ),
        ),
      );
      states.clear();
    },
  };
}

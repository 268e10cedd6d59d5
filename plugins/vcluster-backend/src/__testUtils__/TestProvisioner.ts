import {
  ObservedPhase,
  VClusterProvisioner,
  VClusterRef,
  VClusterSpec,
  vclusterNamespace,
} from '@hatchway/plugin-vcluster-node';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

const PAUSED = 'loft.sh/paused';
const PAUSED_REPLICAS = 'loft.sh/paused-replicas';
const PAUSED_DATE = 'loft.sh/paused-date';
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * A minimal provisioner for tests only, until `DirectProvisioner` of plugin-vcluster-node
 * lands: it creates the namespace and the `app=vcluster` StatefulSet the emulator's vCluster
 * controller serves, through client-node like a real one. Never shipped in src.
 */
export class TestProvisioner implements VClusterProvisioner {
  readonly type = 'direct';

  async apply(spec: VClusterSpec, kc: KubeConfig): Promise<void> {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const namespace = vclusterNamespace(spec.name);
    const labels = { app: 'vcluster', release: spec.name };
    await ignoreConflict(
      core.createNamespace({
        body: {
          metadata: {
            name: namespace,
            labels: { 'hatchway.dev/vcluster': spec.name },
          },
        },
      }),
    );
    await ignoreConflict(
      apps.createNamespacedStatefulSet({
        namespace,
        body: {
          metadata: { name: spec.name, labels },
          spec: {
            replicas: 1,
            serviceName: `${spec.name}-headless`,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  {
                    name: 'syncer',
                    image: 'ghcr.io/loft-sh/vcluster-pro:0.24.1',
                    resources: spec.size.controlPlane,
                  },
                ],
              },
            },
          },
        },
      }),
    );
  }

  async observe(ref: VClusterRef, kc: KubeConfig): Promise<ObservedPhase> {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const namespace = vclusterNamespace(ref.name);
    const ns = await orUndefined(core.readNamespace({ name: namespace }));
    if (!ns) return { phase: 'Absent' };
    const sts = await orUndefined(
      apps.readNamespacedStatefulSet({ name: ref.name, namespace }),
    );
    if (!sts) return { phase: 'Provisioning', message: 'no StatefulSet yet' };
    if (
      sts.metadata?.annotations?.[PAUSED] === 'true' &&
      sts.spec?.replicas === 0
    )
      return { phase: 'Sleeping' };
    const secret = await orUndefined(
      core.readNamespacedSecret({ name: `vc-${ref.name}`, namespace }),
    );
    if ((sts.status?.readyReplicas ?? 0) >= 1 && secret)
      return { phase: 'Ready' };
    return { phase: 'Provisioning', message: 'control plane starting' };
  }

  async sleep(ref: VClusterRef, kc: KubeConfig): Promise<void> {
    const apps = kc.makeApiClient(AppsV1Api);
    const namespace = vclusterNamespace(ref.name);
    const sts = await apps.readNamespacedStatefulSet({
      name: ref.name,
      namespace,
    });
    const replicas = sts.spec?.replicas ?? 1;
    if (replicas === 0) return;
    await apps.patchNamespacedStatefulSet(
      {
        name: ref.name,
        namespace,
        body: {
          metadata: {
            annotations: {
              [PAUSED]: 'true',
              [PAUSED_REPLICAS]: String(replicas),
              [PAUSED_DATE]: new Date().toISOString(),
            },
          },
          spec: { replicas: 0 },
        },
      },
      MERGE,
    );
  }

  async wake(ref: VClusterRef, kc: KubeConfig): Promise<void> {
    const apps = kc.makeApiClient(AppsV1Api);
    const namespace = vclusterNamespace(ref.name);
    const sts = await apps.readNamespacedStatefulSet({
      name: ref.name,
      namespace,
    });
    const replicas = Number(sts.metadata?.annotations?.[PAUSED_REPLICAS] ?? 1);
    await apps.patchNamespacedStatefulSet(
      {
        name: ref.name,
        namespace,
        body: {
          metadata: {
            annotations: {
              [PAUSED]: null,
              [PAUSED_REPLICAS]: null,
              [PAUSED_DATE]: null,
            },
          },
          spec: { replicas },
        },
      },
      MERGE,
    );
  }

  async delete(ref: VClusterRef, kc: KubeConfig): Promise<void> {
    const core = kc.makeApiClient(CoreV1Api);
    await orUndefined(
      core.deleteNamespace({ name: vclusterNamespace(ref.name) }),
    );
  }

  async readKubeconfig(
    ref: VClusterRef,
    kc: KubeConfig,
  ): Promise<string | undefined> {
    const core = kc.makeApiClient(CoreV1Api);
    const secret = await orUndefined(
      core.readNamespacedSecret({
        name: `vc-${ref.name}`,
        namespace: vclusterNamespace(ref.name),
      }),
    );
    const data = secret?.data?.config;
    return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
  }
}

async function orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

async function ignoreConflict(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
  }
}

import { AppsV1Api, KubeConfig, V1StatefulSet } from '@kubernetes/client-node';
import { vclusterNamespace, VClusterRef } from '../provisioner/types';
import {
  isPaused,
  PAUSED_ANNOTATION,
  PAUSED_DATE_ANNOTATION,
  PAUSED_REPLICAS_ANNOTATION,
} from './pauseAnnotations';
import { FIELD_MANAGER, MERGE_PATCH } from './requests';

const read = (apps: AppsV1Api, ref: VClusterRef) =>
  apps.readNamespacedStatefulSet({
    name: ref.name,
    namespace: vclusterNamespace(ref.name),
  });

const patch = (apps: AppsV1Api, ref: VClusterRef, body: object) =>
  apps.patchNamespacedStatefulSet(
    {
      name: ref.name,
      namespace: vclusterNamespace(ref.name),
      body: body as V1StatefulSet,
      fieldManager: FIELD_MANAGER,
    },
    MERGE_PATCH,
  );

/**
 * Puts a vCluster's control plane to sleep and wakes it the way `vcluster pause` / `resume` do:
 * a merge patch of the StatefulSet's replicas and the `loft.sh/paused*` annotations. Both are
 * idempotent. Scaling to 0 keeps the data volume, so the vCluster's objects survive.
 */
export class ControlPlaneScaler {
  /** Scales to 0, remembering the replicas; a paused control plane is left as it is. */
  static async sleep(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const sts = await read(apps, ref);
    if (isPaused(sts)) return;
    const replicas = sts.spec?.replicas ?? 1;
    await patch(apps, ref, {
      metadata: {
        annotations: {
          [PAUSED_ANNOTATION]: 'true',
          [PAUSED_REPLICAS_ANNOTATION]: String(replicas),
          // RFC 3339 in UTC with milliseconds, the CLI's format.
          [PAUSED_DATE_ANNOTATION]: new Date().toISOString(),
        },
      },
      spec: { replicas: 0 },
    });
  }

  /** Restores the replicas recorded at sleep (1 if unreadable) and drops the annotations. */
  static async wake(ref: VClusterRef, kubeConfig: KubeConfig): Promise<void> {
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const sts = await read(apps, ref);
    if (!isPaused(sts)) return;
    const recorded = Number(
      sts.metadata?.annotations?.[PAUSED_REPLICAS_ANNOTATION],
    );
    const replicas = Number.isInteger(recorded) && recorded > 0 ? recorded : 1;
    await patch(apps, ref, {
      metadata: {
        annotations: {
          [PAUSED_ANNOTATION]: null,
          [PAUSED_REPLICAS_ANNOTATION]: null,
          [PAUSED_DATE_ANNOTATION]: null,
        },
      },
      spec: { replicas },
    });
  }
}

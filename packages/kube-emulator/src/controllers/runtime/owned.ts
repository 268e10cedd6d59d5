import type { V1Pod } from '@kubernetes/client-node';
import type { Expectations } from './expectations';
import type { Informer } from './informer';
import { controllerOf } from './objects';

/**
 * Routes pod changes to the controller owning the pod: enqueues `<namespace>/<owner name>` and
 * feeds the owner's expectations (a new pod is an observed creation; a pod that starts
 * terminating or disappears is an observed deletion).
 */
export function watchOwnedPods(
  pods: Informer<V1Pod>,
  ownerKind: string,
  expectations: Expectations | undefined,
  enqueue: (key: string) => void,
): void {
  const ownerKey = (pod: V1Pod) => {
    const ref = controllerOf(pod);
    return ref?.kind === ownerKind
      ? { uid: ref.uid, key: `${pod.metadata?.namespace}/${ref.name}` }
      : undefined;
  };
  pods.on({
    add(pod) {
      const owner = ownerKey(pod);
      if (!owner) return;
      expectations?.observeAdd(owner.uid);
      if (pod.metadata?.deletionTimestamp) {
        expectations?.observeDelete(owner.uid, pod.metadata?.uid);
      }
      enqueue(owner.key);
    },
    update(pod, previous) {
      const owner = ownerKey(pod);
      const before = ownerKey(previous);
      if (owner && pod.metadata?.deletionTimestamp) {
        expectations?.observeDelete(owner.uid, pod.metadata?.uid);
      }
      if (owner) enqueue(owner.key);
      if (before && before.key !== owner?.key) enqueue(before.key);
    },
    delete(pod) {
      const owner = ownerKey(pod);
      if (!owner) return;
      expectations?.observeDelete(owner.uid, pod.metadata?.uid);
      enqueue(owner.key);
    },
  });
}

/** The pods in `namespace` whose controller is the owner with this uid. */
export function ownedPods(
  pods: Informer<V1Pod>,
  namespace: string,
  ownerUid: string,
): V1Pod[] {
  return pods.list(
    p =>
      p.metadata?.namespace === namespace &&
      !!p.metadata?.ownerReferences?.some(
        r => r.controller && r.uid === ownerUid,
      ),
  );
}

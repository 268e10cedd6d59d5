import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { toClientModel } from '../kube/clientModel';
import { FIELD_MANAGER } from '../kube/requests';

/**
 * Server-side applies objects one by one, in the given order, as field manager `hatchway` with
 * `force`: Hatchway owns these fields, and a conflicting manager (someone's `kubectl edit`) loses
 * them back to the rendered state. Stops at the first failure, which it rethrows.
 */
export async function applyObjects(
  client: KubernetesObjectApi,
  objects: readonly KubernetesObject[],
): Promise<void> {
  for (const object of objects) {
    await client.patch(
      toClientModel(object),
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
  }
}

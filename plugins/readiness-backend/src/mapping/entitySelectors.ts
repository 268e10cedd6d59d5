import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ReadinessEntitySelector } from '@hatchway/plugin-readiness-common';
import { LabelSelector, parseLabelSelector } from './labelSelector';

/** The annotations the Backstage Kubernetes plugin maps entities with. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/** The label resources carry for `backstage.io/kubernetes-id`. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** The kinds whose resources are scored. */
export const MAPPED_KINDS = ['Component', 'System', 'Resource'];

/** An entity's selector, ready to match resources. */
export interface EntitySelector {
  entityRef: string;
  /** `spec.owner` as a full entity ref (a bare name is a group in the entity's namespace). */
  owner?: string;
  description: ReadinessEntitySelector;
  /** Set for `backstage.io/kubernetes-id`; matched through an index. */
  kubernetesId?: string;
  /** Set for `backstage.io/kubernetes-label-selector`, which wins over the id, as in Backstage. */
  labelSelector?: LabelSelector;
  namespace?: string;
}

function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * How an entity selects resources, from its annotations; undefined when it has none (or its
 * label selector does not parse, which the Kubernetes plugin would reject too).
 */
export function entitySelector(entity: Entity): EntitySelector | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[KUBERNETES_ID_ANNOTATION]?.trim();
  const selector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim();
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION]?.trim();
  if (!id && !selector) return undefined;
  const description: ReadinessEntitySelector = {
    ...(selector ? { labelSelector: selector } : { kubernetesId: id }),
    ...(namespace && { namespace }),
  };
  const base = {
    entityRef: stringifyEntityRef(entity),
    ...(ownerOf(entity) && { owner: ownerOf(entity) }),
    description,
    ...(namespace && { namespace }),
  };
  if (selector) {
    try {
      return { ...base, labelSelector: parseLabelSelector(selector) };
    } catch {
      return undefined;
    }
  }
  return { ...base, kubernetesId: id };
}

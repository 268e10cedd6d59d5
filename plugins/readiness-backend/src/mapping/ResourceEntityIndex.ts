import { resourceKey } from '@hatchway/plugin-readiness-common';
import { KubernetesObject } from '@hatchway/plugin-readiness-node';
import { ResourceEntityRecord } from '../database/types';
import { EntitySelector, KUBERNETES_ID_LABEL } from './entitySelectors';
import { matchesLabelSelector } from './labelSelector';
import { pushTo } from '../util/pushTo';

type Labels = Record<string, string>;

const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function labelsAt(object: unknown, path: string[]): Labels | undefined {
  let node = object as Record<string, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string, unknown>;
  const labels = (node?.metadata as { labels?: unknown } | undefined)?.labels;
  return labels && typeof labels === 'object' ? (labels as Labels) : undefined;
}

/**
 * The label sets a resource is selected by: its own labels, and for workloads also their pod
 * template's labels (a Deployment is found by the labels its pods carry, as in Backstage).
 */
export function selectableLabels(object: KubernetesObject): Labels[] {
  const sets = [object.metadata?.labels ?? {}];
  const template = POD_TEMPLATE_PATHS[object.kind ?? ''];
  const podLabels = template && labelsAt(object, template);
  if (podLabels) sets.push(podLabels);
  return sets;
}

/** The namespace a selector compares with: a Namespace's own name, else its namespace. */
function namespaceOf(object: KubernetesObject): string | undefined {
  return object.kind === 'Namespace'
    ? object.metadata?.name
    : object.metadata?.namespace;
}

/** Maps scanned objects to catalog entities; kubernetes-id selectors are looked up, not scanned. */
export class ResourceEntityIndex {
  private readonly byId = new Map<string, EntitySelector[]>();
  private readonly bySelector: EntitySelector[] = [];

  constructor(selectors: Iterable<EntitySelector>) {
    for (const s of selectors) {
      if (s.labelSelector) {
        this.bySelector.push(s);
      } else if (s.kubernetesId) {
        pushTo(this.byId, s.kubernetesId, s);
      }
    }
  }

  /** The selectors that pick the object. */
  entitiesOf(object: KubernetesObject): EntitySelector[] {
    const namespace = namespaceOf(object);
    const found = new Set<EntitySelector>();
    for (const labels of selectableLabels(object)) {
      const id = labels[KUBERNETES_ID_LABEL];
      for (const s of (id && this.byId.get(id)) || []) found.add(s);
      for (const s of this.bySelector) {
        if (matchesLabelSelector(s.labelSelector!, labels)) found.add(s);
      }
    }
    return [...found].filter(
      s => s.namespace === undefined || s.namespace === namespace,
    );
  }

  /** One record per object and entity it maps to. */
  map(
    cluster: string,
    objects: readonly KubernetesObject[],
  ): ResourceEntityRecord[] {
    const records: ResourceEntityRecord[] = [];
    for (const object of objects) {
      const entities = this.entitiesOf(object);
      if (!entities.length || !object.metadata?.name) continue;
      const key = resourceKey({
        cluster,
        apiVersion: object.apiVersion ?? 'v1',
        kind: object.kind ?? '',
        name: object.metadata.name,
        // Objects read from a cluster name a namespace exactly when they are namespaced.
        ...(object.metadata.namespace && {
          namespace: object.metadata.namespace,
        }),
      });
      for (const s of entities) {
        records.push({
          resourceKey: key,
          entityRef: s.entityRef,
          ...(s.owner && { owner: s.owner }),
        });
      }
    }
    return records;
  }
}

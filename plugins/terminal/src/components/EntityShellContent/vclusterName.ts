import type { Entity } from '@backstage/catalog-model';

/** The annotation naming the vCluster a catalog Resource stands for. */
export const VCLUSTER_ANNOTATION = 'hatchway.dev/vcluster';

/**
 * The vCluster a `kubernetes-cluster` Resource stands for: its annotation, else the entity
 * name without the `vcluster-` prefix the vcluster plugin's entity provider gives it.
 */
export function vclusterName(entity: Entity): string {
  return (
    entity.metadata.annotations?.[VCLUSTER_ANNOTATION] ??
    entity.metadata.name.replace(/^vcluster-/, '')
  );
}

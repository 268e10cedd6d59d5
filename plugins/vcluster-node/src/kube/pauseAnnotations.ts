import type { V1StatefulSet } from '@kubernetes/client-node';

/**
 * The vcluster CLI's pause annotations (`pkg/constants/annotation.go`), so `vcluster resume` and
 * `vcluster list` understand a vCluster Hatchway put to sleep, and the other way round.
 * @public
 */
export const PAUSED_ANNOTATION = 'loft.sh/paused';
/** @public */
export const PAUSED_REPLICAS_ANNOTATION = 'loft.sh/paused-replicas';
/** @public */
export const PAUSED_DATE_ANNOTATION = 'loft.sh/paused-date';

/** Whether a control plane StatefulSet is paused (the CLI's test: the annotation is "true"). */
export function isPaused(sts: V1StatefulSet | undefined): boolean {
  return sts?.metadata?.annotations?.[PAUSED_ANNOTATION] === 'true';
}

import type { VCluster } from '@hatchway/plugin-vcluster-common';

/** How often views re-load vClusters, in milliseconds. */
export interface PollIntervals {
  /** While any shown vCluster is Provisioning or Deleting: the user is watching it change. */
  active: number;
  /** Otherwise: phases only change through TTLs, idle sleep or someone else. */
  idle: number;
}

/** @internal */
export const DEFAULT_POLL_INTERVALS: PollIntervals = {
  active: 2500,
  idle: 15_000,
};

/** Whether a vCluster is on its way to another phase by itself. */
export function isInTransition(vcluster: VCluster): boolean {
  return vcluster.phase === 'Provisioning' || vcluster.phase === 'Deleting';
}

/** The interval for a set of vClusters: fast while any of them is in transition. */
export function intervalFor(
  clusters: VCluster[] | undefined,
  intervals: PollIntervals,
): number {
  return clusters?.some(isInTransition) ? intervals.active : intervals.idle;
}

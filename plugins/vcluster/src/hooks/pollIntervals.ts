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

/**
 * After a user's action (sleep, wake, TTL, create, delete) the backend answers 202 and the
 * phase changes a moment later, so views poll fast for this long after one.
 */
export const AFTER_ACTION_MS = 30_000;

/**
 * The interval for a set of vClusters: fast while any of them is in transition or the user has
 * just changed something, slow otherwise.
 */
export function intervalFor(
  clusters: VCluster[] | undefined,
  intervals: PollIntervals,
  msSinceRefresh: number,
): number {
  const busy =
    clusters?.some(isInTransition) || msSinceRefresh < AFTER_ACTION_MS;
  return busy ? intervals.active : intervals.idle;
}

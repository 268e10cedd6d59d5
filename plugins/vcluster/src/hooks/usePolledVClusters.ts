import { useApi } from '@backstage/frontend-plugin-api';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { useCallback } from 'react';
import { vclusterApiRef } from '../api/VClusterApi';
import {
  DEFAULT_POLL_INTERVALS,
  intervalFor,
  PollIntervals,
} from './pollIntervals';
import { PolledState, usePolling } from './usePolling';

// One page of this many covers any realistic portal; `truncated` says when it does not.
const PAGE_SIZE = 500;

/** The vClusters the user may see, optionally of one owner. */
export interface VClusterList {
  items: VCluster[];
  totalCount: number;
  /** More vClusters match than were loaded. */
  truncated: boolean;
}

/** The vClusters (of `owner`, when given), re-loaded fast while any is in transition. */
export function usePolledVClusters(
  options: { owner?: string; intervals?: PollIntervals } = {},
): PolledState<VClusterList> {
  const api = useApi(vclusterApiRef);
  const { owner } = options;
  const intervals = options.intervals ?? DEFAULT_POLL_INTERVALS;
  const load = useCallback(async () => {
    const page = await api.list({ owner, limit: PAGE_SIZE });
    return {
      items: page.items,
      totalCount: page.totalCount,
      truncated: Boolean(page.nextCursor),
    };
  }, [api, owner]);
  return usePolling(load, (list, msSinceRefresh) =>
    intervalFor(list?.items, intervals, msSinceRefresh),
  );
}

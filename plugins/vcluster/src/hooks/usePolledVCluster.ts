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

/** One vCluster, re-loaded fast while it is Provisioning or Deleting. */
export function usePolledVCluster(
  name: string,
  intervals: PollIntervals = DEFAULT_POLL_INTERVALS,
): PolledState<VCluster> {
  const api = useApi(vclusterApiRef);
  const load = useCallback(() => api.get(name), [api, name]);
  return usePolling(load, (vcluster, msSinceRefresh) =>
    intervalFor(vcluster ? [vcluster] : undefined, intervals, msSinceRefresh),
  );
}

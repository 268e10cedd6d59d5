import { useApi } from '@backstage/frontend-plugin-api';
import type { VClusterPortalConfig } from '@hatchway/plugin-vcluster-common';
import useAsync from 'react-use/esm/useAsync';
import { vclusterApiRef } from '../api/VClusterApi';

/** The sizes, host clusters and limits the backend offers (`GET /config`). */
export function useVClusterConfig(): {
  config?: VClusterPortalConfig;
  loading: boolean;
  error?: Error;
} {
  const api = useApi(vclusterApiRef);
  const { value, loading, error } = useAsync(() => api.getConfig(), [api]);
  return { config: value, loading, error };
}

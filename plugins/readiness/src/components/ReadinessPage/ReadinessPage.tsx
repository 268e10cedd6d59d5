import { Content, EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Tab, Tabs } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api/ReadinessApi';
import { PlatformView, platformCluster } from '../PlatformView/PlatformView';
import {
  PodSecurityView,
  podSecurityCluster,
} from '../PodSecurityView/PodSecurityView';
import { LoadError } from '../common/LoadError';
import { ClusterReadinessView } from './ClusterReadinessView';

/** The page's tabs, as `?view=` names them; the first is the default. */
const VIEWS = ['workloads', 'platform', 'pod-security'] as const;

/**
 * The `/readiness` compliance page. It settles the states that apply to every cluster first —
 * loading, the backend failing, no cluster configured, nothing scanned yet — and then hands
 * the clusters to the view.
 */
export const ReadinessPage = () => {
  const api = useApi(readinessApiRef);
  const clusters = useAsyncRetry(() => api.getClusters(), [api]);
  // The view and cluster live in the address (`?view=platform&cluster=prod`), so both are
  // linkable and switching views keeps the cluster.
  const [searchParams, setSearchParams] = useSearchParams();
  const view = VIEWS.find(v => v === searchParams.get('view')) ?? 'workloads';
  const setParam = (key: string, value: string, replace: boolean) =>
    setSearchParams(
      prev => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace },
    );

  let body: JSX.Element;
  if (clusters.loading) {
    body = <Progress />;
  } else if (clusters.error) {
    body = (
      <LoadError
        what="readiness"
        error={clusters.error}
        retry={clusters.retry}
      />
    );
  } else if (!clusters.value?.length) {
    body = (
      <EmptyState
        missing="info"
        title="No clusters configured"
        description="Add clusters under kubernetes.clusterLocatorMethods in the app config; the readiness backend scans each of them on a schedule."
      />
    );
  } else if (!clusters.value.some(c => c.lastSuccessfulScan)) {
    const failed = clusters.value.filter(c => c.lastScan?.status === 'failed');
    body = (
      <EmptyState
        missing="data"
        title="No scans yet"
        description={`No scan of ${clusters.value
          .map(c => c.title || c.name)
          .join(
            ', ',
          )} has finished yet. Scores and findings appear here once one has.${
          failed.length > 0
            ? ` Last error: ${failed[0].lastScan?.error ?? 'unknown'}.`
            : ''
        }`}
        action={
          <Button variant="outlined" onClick={clusters.retry}>
            Check again
          </Button>
        }
      />
    );
  } else {
    body = (
      <>
        <Tabs
          value={view}
          onChange={(_, value: string) => setParam('view', value, false)}
          indicatorColor="primary"
          aria-label="Readiness view"
        >
          <Tab value="workloads" label="Workloads" />
          <Tab value="platform" label="Platform" />
          <Tab value="pod-security" label="Pod Security" />
        </Tabs>
        <Box mt={3}>
          {view === 'pod-security' && (
            <PodSecurityView
              clusters={clusters.value}
              cluster={podSecurityCluster(
                clusters.value,
                searchParams.get('cluster'),
              )}
              onClusterChange={c => setParam('cluster', c, true)}
            />
          )}
          {view === 'platform' && (
            <PlatformView
              clusters={clusters.value}
              cluster={platformCluster(
                clusters.value,
                searchParams.get('cluster'),
              )}
              onClusterChange={c => setParam('cluster', c, true)}
            />
          )}
          {view === 'workloads' && (
            <ClusterReadinessView
              clusters={clusters.value}
              onClusterChange={c => setParam('cluster', c, true)}
            />
          )}
        </Box>
      </>
    );
  }
  return <Content>{body}</Content>;
};

import {
  Content,
  EmptyState,
  ErrorPanel,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Button } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import { ClusterReadinessView } from './ClusterReadinessView';

/**
 * The `/readiness` compliance page. It settles the states that apply to every cluster first —
 * loading, the backend failing, no cluster configured, nothing scanned yet — and then hands
 * the clusters to the view.
 */
export const ReadinessPage = () => {
  const api = useApi(readinessApiRef);
  const clusters = useAsyncRetry(() => api.getClusters(), [api]);

  let body: JSX.Element;
  if (clusters.loading) {
    body = <Progress />;
  } else if (clusters.error) {
    body = (
      <ErrorPanel
        error={clusters.error}
        title={`Could not load readiness: ${describeError(clusters.error)}`}
      >
        <Button variant="outlined" onClick={clusters.retry}>
          Retry
        </Button>
      </ErrorPanel>
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
    body = <ClusterReadinessView clusters={clusters.value} />;
  }
  return <Content>{body}</Content>;
};

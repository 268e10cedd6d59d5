import { EmptyState, Progress } from '@backstage/core-components';
import { ErrorWithRetry } from '../common/ErrorWithRetry';
import { describeError } from '../../api/describeError';
import type { PollIntervals } from '../../hooks/pollIntervals';
import { usePolledVCluster } from '../../hooks/usePolledVCluster';
import { VClusterDetails } from './VClusterDetails';

/** One vCluster by name, polled, with its loading, not-found and error states. */
export const VClusterView = (props: {
  name: string;
  pollIntervals?: PollIntervals;
}) => {
  const { name, pollIntervals } = props;
  const vcluster = usePolledVCluster(name, pollIntervals);
  if (vcluster.loading) return <Progress />;
  if (!vcluster.value && vcluster.error) {
    const notFound =
      (vcluster.error as { statusCode?: number }).statusCode === 404;
    if (notFound) {
      return (
        <EmptyState
          missing="data"
          title={`No vCluster ${name}`}
          description="It was deleted, or it never existed."
        />
      );
    }
    return (
      <ErrorWithRetry
        error={vcluster.error}
        title={`Could not load vCluster ${name}: ${describeError(
          vcluster.error,
        )}`}
        onRetry={vcluster.refresh}
      />
    );
  }
  return (
    <VClusterDetails vcluster={vcluster.value!} onChanged={vcluster.refresh} />
  );
};

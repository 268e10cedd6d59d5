import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
} from '@backstage/core-components';
import { ErrorWithRetry } from '../common/ErrorWithRetry';
import { describeError } from '../../api/describeError';
import type { PollIntervals } from '../../hooks/pollIntervals';
import { usePolledVClusters } from '../../hooks/usePolledVClusters';
import { CreateVClusterButton } from '../create/CreateVClusterButton';
import { VClustersTable } from './VClustersTable';

/**
 * The `/vclusters` page: every vCluster the user may see, polled so phases move on by
 * themselves, with the create button and each vCluster's actions.
 */
export const VClustersPage = (props: { pollIntervals?: PollIntervals }) => {
  const list = usePolledVClusters({ intervals: props.pollIntervals });
  const create = <CreateVClusterButton onCreated={list.refresh} />;

  let body: JSX.Element;
  if (list.loading) {
    body = <Progress />;
  } else if (!list.value && list.error) {
    body = (
      <ErrorWithRetry
        error={list.error}
        title={`Could not load vClusters: ${describeError(list.error)}`}
        onRetry={list.refresh}
      />
    );
  } else if (!list.value?.items.length) {
    body = (
      <EmptyState
        missing="data"
        title="No vClusters yet — create one"
        description="A vCluster is a Kubernetes cluster of your own inside the host cluster: create one, download its kubeconfig and use kubectl as usual."
        action={create}
      />
    );
  } else {
    const { items, totalCount, truncated } = list.value;
    body = (
      <VClustersTable
        clusters={items}
        title={
          truncated
            ? `vClusters (first ${items.length} of ${totalCount})`
            : `vClusters (${totalCount})`
        }
        onChanged={list.refresh}
      />
    );
  }
  return (
    <Content>
      {/* The empty state carries its own create button. */}
      <ContentHeader title="Your vClusters">
        {list.value?.items.length ? create : null}
      </ContentHeader>
      {body}
    </Content>
  );
};

import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { usePolledVClusters } from '../../hooks/usePolledVClusters';
import { formatTtlLeft } from '../common/formatting';
import { PhaseStatus } from '../common/PhaseStatus';
import { VClusterLink } from '../common/VClusterLink';

const columns: TableColumn<VCluster>[] = [
  {
    title: 'Name',
    field: 'name',
    render: row => <VClusterLink name={row.name} />,
  },
  {
    title: 'Phase',
    field: 'phase',
    render: row => <PhaseStatus vcluster={row} />,
  },
  { title: 'Size', field: 'size' },
  {
    title: 'TTL left',
    field: 'expiresAt',
    render: row => formatTtlLeft(row.expiresAt),
  },
];

/** "vClusters owned" on a User or Group page: the vClusters whose owner is that entity. */
export const OwnedVClustersCard = () => {
  const { entity } = useEntity();
  const owner = stringifyEntityRef(entity);
  const list = usePolledVClusters({ owner });

  let body: JSX.Element;
  if (list.loading) body = <Progress />;
  else if (!list.value && list.error)
    body = <ResponseErrorPanel error={list.error} />;
  else if (!list.value?.items.length) {
    body = (
      <EmptyState
        missing="data"
        title="No vClusters owned"
        description={`${entity.metadata.name} owns no vCluster right now.`}
      />
    );
  } else {
    body = (
      <Table<VCluster>
        columns={columns}
        data={list.value.items}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
      />
    );
  }
  return <InfoCard title="vClusters owned">{body}</InfoCard>;
};

import { Table, TableColumn } from '@backstage/core-components';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { VClusterActions } from '../actions/VClusterActions';
import { formatAge, formatTtlLeft } from '../common/formatting';
import { PhaseStatus } from '../common/PhaseStatus';
import { VClusterLink } from '../common/VClusterLink';

/** The vClusters as a table, one row each with its actions. */
export const VClustersTable = (props: {
  clusters: VCluster[];
  title: string;
  onChanged: () => void;
}) => {
  const { clusters, title, onChanged } = props;
  const columns: TableColumn<VCluster>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: row => <VClusterLink name={row.name} />,
    },
    { title: 'Owner', field: 'owner' },
    {
      title: 'Phase',
      field: 'phase',
      render: row => <PhaseStatus vcluster={row} />,
    },
    { title: 'Host cluster', field: 'cluster' },
    { title: 'Size', field: 'size' },
    {
      title: 'Age',
      field: 'createdAt',
      render: row => formatAge(row.createdAt),
      // Newest first reads as "youngest first" here, so sort by the timestamp itself.
      customSort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
    {
      title: 'TTL left',
      field: 'expiresAt',
      render: row => formatTtlLeft(row.expiresAt),
    },
    {
      title: 'Actions',
      sorting: false,
      render: row => <VClusterActions vcluster={row} onChanged={onChanged} />,
    },
  ];
  return (
    <Table<VCluster>
      title={title}
      columns={columns}
      data={clusters}
      options={{ paging: clusters.length > 20, pageSize: 20, search: true }}
    />
  );
};

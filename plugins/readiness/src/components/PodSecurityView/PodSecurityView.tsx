import {
  EmptyState,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import { useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api/ReadinessApi';
import type {
  ReadinessCluster,
  ReadinessPodSecurityNamespace,
} from '../../api/types';
import { ExportLinks } from '../common/ExportLinks';
import { LoadError } from '../common/LoadError';
import { podSecurityExport } from '../common/exportSources';
import {
  ALL_CLUSTERS,
  ClusterPicker,
  ClusterViewProps,
  firstScannedCluster,
} from '../ReadinessPage/ClusterPicker';
import { PodSecurityLevelChip } from './PodSecurityLevelChip';
import { RefusedWorkloadsDrawer } from './RefusedWorkloadsDrawer';
import {
  compareLevels,
  nextLevel,
  podSecurityLevelLabel,
  refusedAtNext,
  verdict,
} from './podSecurity';

type Row = ReadinessPodSecurityNamespace & { id: string };

const columns = (
  onOpen: (row: Row) => void,
  showCluster: boolean,
): TableColumn<Row>[] => [
  ...(showCluster ? [{ title: 'Cluster', field: 'cluster' }] : []),
  {
    title: 'Namespace',
    field: 'namespace',
    render: row => (
      <>
        <Typography variant="body2">{row.namespace}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.workloadCount === 1
            ? '1 workload'
            : `${row.workloadCount} workloads`}
        </Typography>
      </>
    ),
  },
  {
    title: 'Owning teams',
    render: row => (row.owners.length ? row.owners.join(', ') : '—'),
  },
  {
    title: 'Enforced → possible',
    render: row => (
      <Box display="flex" alignItems="center" style={{ gap: 6 }}>
        <PodSecurityLevelChip level={row.enforce} label="Enforced" />
        <span aria-hidden>→</span>
        <PodSecurityLevelChip level={row.possibleLevel} label="Possible" />
      </Box>
    ),
  },
  { title: 'Verdict', render: row => verdict(row) },
  {
    title: 'Refused at next level',
    render: row => {
      const next = nextLevel(row.enforce);
      const refused = refusedAtNext(row) ?? [];
      if (!next) return '—';
      return (
        <Button
          size="small"
          color={refused.length ? 'secondary' : 'default'}
          aria-label={`${refused.length} refused at ${next} in ${row.namespace}`}
          onClick={event => {
            event.stopPropagation();
            onOpen(row);
          }}
        >
          {`${refused.length} at ${podSecurityLevelLabel(next)}`}
        </Button>
      );
    },
  },
];

/** The cluster from the address (`''` for all of them), else the first one scanned. */
export function podSecurityCluster(
  clusters: ReadinessCluster[],
  wanted: string | null,
): string {
  if (wanted === ALL_CLUSTERS || clusters.some(c => c.name === wanted)) {
    return wanted!;
  }
  return firstScannedCluster(clusters);
}

/** The owning teams of the namespaces, for the filter. */
function ownersOf(items: ReadinessPodSecurityNamespace[]): string[] {
  return [...new Set(items.flatMap(n => n.owners))].sort();
}

/**
 * "Can this namespace enforce restricted?": every scanned namespace with its enforced Pod
 * Security level, the strictest one its workloads allow, and what the next level would refuse.
 */
export const PodSecurityView = (props: ClusterViewProps) => {
  const { clusters, cluster, onClusterChange } = props;
  const api = useApi(readinessApiRef);
  const { search } = useLocation();
  const [owner, setOwner] = useState(
    () => new URLSearchParams(search).get('owner') ?? '',
  );
  const [selected, setSelected] = useState<string>();
  const namespaces = useAsyncRetry(
    () => api.getPodSecurity({ cluster: cluster || undefined }),
    [api, cluster],
  );
  const items = useMemo(
    () => namespaces.value?.items ?? [],
    [namespaces.value],
  );
  const owners = useMemo(() => ownersOf(items), [items]);
  const rows: Row[] = items
    .filter(n => !owner || n.owners.includes(owner))
    .map(n => ({ ...n, id: `${n.cluster}/${n.namespace}` }));
  const open = rows.find(r => r.id === selected);
  const ready = rows.filter(
    r =>
      r.possibleLevel === 'restricted' &&
      compareLevels(r.enforce, 'restricted') < 0,
  ).length;

  let body: JSX.Element;
  if (namespaces.error) {
    body = (
      <LoadError
        what="Pod Security"
        error={namespaces.error}
        retry={namespaces.retry}
      />
    );
  } else if (namespaces.loading && !namespaces.value) {
    body = <Progress />;
  } else if (items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No namespaces scanned yet"
        description="Each scan reads every namespace's pod-security.kubernetes.io labels and workloads; they appear here after the next scan of the cluster."
      />
    );
  } else {
    body = (
      <Table<Row>
        title={`Namespaces (${rows.length}) · ${ready} could enforce restricted today`}
        isLoading={namespaces.loading}
        data={rows}
        columns={columns(row => setSelected(row.id), cluster === ALL_CLUSTERS)}
        onRowClick={(_, row) => row && setSelected(row.id)}
        options={{ paging: rows.length > 20, pageSize: 20, padding: 'dense' }}
        emptyContent={
          <Typography style={{ padding: 16 }} color="textSecondary">
            No namespace holds workloads of {owner}.
          </Typography>
        }
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Box display="flex" style={{ gap: 16 }} flexWrap="wrap">
            <ClusterPicker
              clusters={clusters}
              value={cluster}
              onChange={onClusterChange}
            />
            <TextField
              select
              id="pod-security-owner"
              label="Owning team"
              value={owner}
              onChange={e => setOwner(e.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
              variant="outlined"
              size="small"
              style={{ minWidth: 220 }}
            >
              <option value="">Any</option>
              {(owner && !owners.includes(owner)
                ? [owner, ...owners]
                : owners
              ).map(o => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </TextField>
          </Box>
          <ExportLinks
            source={podSecurityExport(api, {
              cluster: cluster || undefined,
              owner: owner || undefined,
            })}
          />
        </Box>
      </Grid>
      <Grid item xs={12}>
        {body}
      </Grid>
      <RefusedWorkloadsDrawer
        namespace={open}
        onClose={() => setSelected(undefined)}
      />
    </Grid>
  );
};

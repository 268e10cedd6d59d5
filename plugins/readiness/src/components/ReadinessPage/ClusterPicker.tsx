import { Box, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ReadinessCluster } from '../../api/types';
import { formatTime } from '../common/labels';
import {
  LiveRescoringIndicator,
  LiveRescoringWarnings,
} from '../common/LiveRescoring';

/** The picker's value for "every cluster". */
export const ALL_CLUSTERS = '';

/** What the page hands each view: the clusters, the one shown, and where to report a pick. */
export interface ClusterViewProps {
  clusters: ReadinessCluster[];
  cluster: string;
  onClusterChange: (cluster: string) => void;
}

/** The cluster a view opens on when the address names none: the first one scanned. */
export function firstScannedCluster(clusters: ReadinessCluster[]): string {
  return (clusters.find(c => c.lastSuccessfulScan) ?? clusters[0]).name;
}

/** When the shown cluster was last scanned, or how many of them have been. */
function scanSummary(clusters: ReadinessCluster[], value: string): string {
  if (value === ALL_CLUSTERS) {
    const scanned = clusters.filter(c => c.lastSuccessfulScan).length;
    return `${scanned} of ${clusters.length} clusters scanned`;
  }
  const cluster = clusters.find(c => c.name === value);
  const scan = cluster?.lastSuccessfulScan;
  if (!scan) return 'Not scanned yet';
  const objects =
    scan.objectCount !== undefined ? ` · ${scan.objectCount} objects` : '';
  const running =
    cluster?.lastScan?.status === 'running' ? ' · a scan is running' : '';
  return `Last scan ${formatTime(scan.finishedAt)}${objects}${running}`;
}

/**
 * Picks the cluster the page shows, with when it was last scanned and how that went, and
 * whether its scores re-score live or only at scheduled scans.
 */
export const ClusterPicker = (props: {
  clusters: ReadinessCluster[];
  value: string;
  onChange: (cluster: string) => void;
  /** Offers "All clusters" (`ALL_CLUSTERS`); views of one cluster at a time leave it out. */
  allClusters?: boolean;
}) => {
  const { clusters, value, onChange, allClusters = true } = props;
  const selected = clusters.find(c => c.name === value);
  const scan = selected?.lastSuccessfulScan;
  const latest = selected?.lastScan;
  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <TextField
          select
          id="readiness-cluster"
          label="Cluster"
          value={value}
          onChange={e => onChange(e.target.value)}
          SelectProps={{ native: true }}
          variant="outlined"
          size="small"
          style={{ minWidth: 220 }}
        >
          {allClusters && <option value={ALL_CLUSTERS}>All clusters</option>}
          {clusters.map(c => (
            <option key={c.name} value={c.name}>
              {`${c.title || c.name}${c.score ? ` (${c.score.score})` : ''}`}
            </option>
          ))}
        </TextField>
        <Typography variant="body2" color="textSecondary">
          {scanSummary(clusters, value)}
        </Typography>
        {selected && <LiveRescoringIndicator cluster={selected} />}
      </Box>
      {latest?.status === 'failed' && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          The last scan failed{latest.error ? `: ${latest.error}` : ''}.
          {scan
            ? ' The results below are from the last scan that succeeded.'
            : ''}
        </Alert>
      )}
      <LiveRescoringWarnings
        clusters={
          value === ALL_CLUSTERS
            ? clusters
            : clusters.filter(c => c === selected)
        }
      />
    </Box>
  );
};

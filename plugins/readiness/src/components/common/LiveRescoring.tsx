import { Box, Chip, Tooltip, Typography } from '@material-ui/core';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { ReadinessCluster } from '../../api/types';
import { durationSince, formatTime } from './labels';

/** What "Live" promises, and what it does not: history and the platform board stay the scans'. */
const LIVE_HINT =
  'Changes in the cluster re-score its findings and scores within seconds; trends and the platform board still change at each scan.';

const clusterName = (cluster: ReadinessCluster) =>
  cluster.title || cluster.name;

/**
 * Beside a cluster's name: a "Live" chip with the last live update while changes re-score
 * within seconds, a muted note while live re-scoring starts or when it is off. A degraded
 * cluster shows nothing here: `LiveRescoringWarnings` warns about it instead.
 */
export const LiveRescoringIndicator = (props: {
  cluster: ReadinessCluster;
}) => {
  const { cluster } = props;
  const live = cluster.liveRescoring;
  switch (live?.state) {
    case 'active':
      return (
        <Box
          display="flex"
          alignItems="center"
          gridGap={8}
          role="status"
          aria-label={`Live re-scoring of ${clusterName(cluster)}`}
        >
          <Tooltip title={LIVE_HINT}>
            <Chip
              size="small"
              color="primary"
              icon={<FiberManualRecordIcon fontSize="small" />}
              label="Live"
            />
          </Tooltip>
          {live.lastUpdateAt && (
            <Typography
              variant="caption"
              color="textSecondary"
              title={formatTime(live.lastUpdateAt)}
            >
              Last live update {durationSince(live.lastUpdateAt)} ago
            </Typography>
          )}
        </Box>
      );
    case 'starting':
      return (
        <Typography variant="caption" color="textSecondary">
          Live re-scoring is starting
        </Typography>
      );
    case 'disabled':
      return (
        <Typography variant="caption" color="textSecondary">
          Scores update at scheduled scans
        </Typography>
      );
    default:
      return null;
  }
};

/** A degraded cluster: until its watch recovers, its scores are as old as its last scan. */
const LiveRescoringWarning = (props: { cluster: ReadinessCluster }) => {
  const { cluster } = props;
  const name = clusterName(cluster);
  const { message, since } = cluster.liveRescoring ?? {};
  const lastScan = cluster.lastSuccessfulScan?.finishedAt;
  return (
    <Alert
      severity="warning"
      style={{ marginTop: 8 }}
      aria-label={`Live re-scoring of ${name} is degraded`}
    >
      <AlertTitle>Live re-scoring of {name} is not working</AlertTitle>
      <Typography variant="body2">
        Scores of {name} update only at the scheduled scan
        {lastScan ? ` (last scan ${formatTime(lastScan)})` : ''}
        {since ? `, since ${formatTime(since)}` : ''}.
      </Typography>
      {message && (
        <Typography variant="body2" color="textSecondary">
          {message}
        </Typography>
      )}
    </Alert>
  );
};

/** A warning for each cluster whose live re-scoring fell back to scheduled scans. */
export const LiveRescoringWarnings = (props: {
  clusters: ReadinessCluster[];
}) => (
  <>
    {props.clusters
      .filter(c => c.liveRescoring?.state === 'degraded')
      .map(c => (
        <LiveRescoringWarning key={c.name} cluster={c} />
      ))}
  </>
);

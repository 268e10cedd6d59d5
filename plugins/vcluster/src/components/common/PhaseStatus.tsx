import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { Box, CircularProgress, Typography } from '@material-ui/core';

/**
 * A vCluster's phase as a status label. Provisioning and Deleting spin, since the view polls
 * and the phase moves on by itself; Failed says why, Provisioning what it waits for.
 */
export const PhaseStatus = ({ vcluster }: { vcluster: VCluster }) => {
  const { phase, reason } = vcluster;
  let status: JSX.Element;
  if (phase === 'Provisioning' || phase === 'Deleting') {
    status = (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <CircularProgress
          size={14}
          aria-label={`${vcluster.name} is ${phase}`}
        />
        <span>{phase}</span>
      </Box>
    );
  } else if (phase === 'Failed') {
    status = <StatusError>Failed</StatusError>;
  } else if (phase === 'Sleeping') {
    status = <StatusAborted>Sleeping</StatusAborted>;
  } else if (phase === 'Ready') {
    status = <StatusOK>Ready</StatusOK>;
  } else {
    status = <StatusPending>{phase}</StatusPending>;
  }
  // Why it failed, or what provisioning waits for; a Ready vCluster has nothing to explain.
  const explain = reason && phase !== 'Ready' && phase !== 'Sleeping';
  return (
    <Box>
      {status}
      {explain && (
        <Typography variant="caption" color="textSecondary" component="div">
          {reason}
        </Typography>
      )}
    </Box>
  );
};

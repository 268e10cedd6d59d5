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
 * and the phase moves on by itself; Failed shows why.
 */
export const PhaseStatus = ({ vcluster }: { vcluster: VCluster }) => {
  const { phase, reason } = vcluster;
  if (phase === 'Provisioning' || phase === 'Deleting') {
    return (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <CircularProgress
          size={14}
          aria-label={`${vcluster.name} is ${phase}`}
        />
        <span>{phase}</span>
      </Box>
    );
  }
  if (phase === 'Failed') {
    return (
      <Box>
        <StatusError>Failed</StatusError>
        {reason && (
          <Typography variant="caption" color="textSecondary" component="div">
            {reason}
          </Typography>
        )}
      </Box>
    );
  }
  if (phase === 'Sleeping') return <StatusAborted>Sleeping</StatusAborted>;
  if (phase === 'Ready') return <StatusOK>Ready</StatusOK>;
  return <StatusPending>{phase}</StatusPending>;
};

import { Box, Typography } from '@material-ui/core';
import type { ReadinessEntityPodSecurity } from '../../api/types';
import { PodSecurityLevelChip } from '../PodSecurityView/PodSecurityLevelChip';

/**
 * The strictest Pod Security level all the entity's workloads meet, and which keep it from
 * restricted: what its namespace could enforce on its account.
 */
export const PodSecurityStanding = (props: {
  standing: ReadinessEntityPodSecurity;
}) => {
  const { highestAdmissibleLevel, workloadCount, limitedBy } = props.standing;
  const names = limitedBy.map(w => `${w.kind} ${w.name}`);
  let summary = `${
    limitedBy.length
  } of ${workloadCount} below restricted: ${names.slice(0, 3).join(', ')}${
    names.length > 3 ? ', …' : ''
  }`;
  if (!limitedBy.length) {
    summary =
      workloadCount === 1
        ? 'Its workload meets restricted'
        : `All ${workloadCount} workloads meet restricted`;
  }
  return (
    <Box
      mt={2}
      role="group"
      aria-label="Pod Security"
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
    >
      <Typography variant="subtitle2">Pod Security</Typography>
      <PodSecurityLevelChip
        level={highestAdmissibleLevel}
        label="Highest admissible level"
      />
      <Typography variant="caption" color="textSecondary">
        {summary}
      </Typography>
    </Box>
  );
};

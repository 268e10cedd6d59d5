import { Chip, useTheme } from '@material-ui/core';
import type { ReadinessPodSecurityLevel } from '../../api/types';
import { podSecurityLevelLabel } from './podSecurity';

/** A Pod Security level as a chip: restricted green, baseline amber, privileged red. */
export const PodSecurityLevelChip = (props: {
  level: ReadinessPodSecurityLevel;
  /** Read by screen readers before the level, e.g. "Enforced". */
  label?: string;
}) => {
  const theme = useTheme();
  const colors: Record<ReadinessPodSecurityLevel, string> = {
    restricted: theme.palette.success.main,
    baseline: theme.palette.warning.main,
    privileged: theme.palette.error.main,
  };
  const text = podSecurityLevelLabel(props.level);
  return (
    <Chip
      size="small"
      variant="outlined"
      label={text}
      aria-label={props.label ? `${props.label}: ${text}` : undefined}
      style={{
        borderColor: colors[props.level],
        color: colors[props.level],
        fontWeight: 600,
      }}
    />
  );
};

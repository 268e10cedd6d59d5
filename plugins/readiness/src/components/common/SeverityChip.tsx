import { Chip, useTheme } from '@material-ui/core';
import type { Severity } from '@hatchway/plugin-readiness-common';
import { SEVERITY_LABELS } from './labels';

/** A failed check's severity, red for danger and amber for warning. */
export const SeverityChip = (props: { severity: Severity }) => {
  const theme = useTheme();
  const palette =
    props.severity === 'danger' ? theme.palette.error : theme.palette.warning;
  return (
    <Chip
      size="small"
      label={SEVERITY_LABELS[props.severity] ?? props.severity}
      style={{
        backgroundColor: palette.main,
        color: palette.contrastText,
      }}
    />
  );
};

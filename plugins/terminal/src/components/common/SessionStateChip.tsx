import type { SessionState } from '@hatchway/plugin-terminal-common';
import { Chip } from '@material-ui/core';

const colors: Record<SessionState, 'primary' | 'default' | 'secondary'> = {
  Starting: 'secondary',
  Ready: 'primary',
  Ended: 'default',
};

/** A session's state as a chip, so a table of them scans at a glance. */
export const SessionStateChip = ({ state }: { state: SessionState }) => (
  <Chip size="small" label={state} color={colors[state]} />
);

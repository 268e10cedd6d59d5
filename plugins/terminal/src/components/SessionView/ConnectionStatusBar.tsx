import { Box, Button, Chip, Typography } from '@material-ui/core';
import type { ConnectionStatus } from '../../connection/ConnectionStatus';

/** Props of {@link ConnectionStatusBar}. */
export interface ConnectionStatusBarProps {
  status?: ConnectionStatus;
  title?: string;
  onReconnect(): void;
}

function describe(status: ConnectionStatus): {
  label: string;
  detail?: string;
} {
  switch (status.state) {
    case 'connecting':
      return { label: 'Connecting' };
    case 'connected':
      return { label: 'Connected' };
    case 'reconnecting':
      return {
        label: `Reconnecting (attempt ${status.attempt})`,
        detail: `${status.reason}; next try in ${(
          status.delayMs / 1000
        ).toFixed(1)} s`,
      };
    default:
      return { label: 'Disconnected', detail: status.reason };
  }
}

/** The connection's state and, when it is not plainly connected, why. */
export const ConnectionStatusBar = ({
  status,
  title,
  onReconnect,
}: ConnectionStatusBarProps) => {
  if (!status) return null;
  const { label, detail } = describe(status);
  const color = status.state === 'connected' ? 'primary' : 'default';
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }} role="status">
      <Chip size="small" color={color} label={label} />
      {detail && (
        <Typography variant="body2" color="textSecondary">
          {detail}
        </Typography>
      )}
      {status.state === 'connected' && title && (
        <Typography variant="body2" color="textSecondary">
          {title}
        </Typography>
      )}
      {status.state === 'ended' && status.canReconnect && (
        <Button size="small" variant="outlined" onClick={onReconnect}>
          Reconnect
        </Button>
      )}
    </Box>
  );
};

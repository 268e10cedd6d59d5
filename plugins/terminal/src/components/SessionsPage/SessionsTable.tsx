import { Link, Table, TableColumn } from '@backstage/core-components';
import type { TerminalSession } from '@hatchway/plugin-terminal-common';
import { Box, Typography } from '@material-ui/core';
import { EndSessionButton } from '../common/EndSessionButton';
import { formatDuration, formatRelative } from '../common/format';
import { SessionStateChip } from '../common/SessionStateChip';
import { RecordingActions } from '../Recording/RecordingActions';

/** Props of {@link SessionsTable}. */
export interface SessionsTableProps {
  sessions: TerminalSession[];
  /** The session view's path, for the Open link. */
  sessionPath(id: string): string;
  onEnded(): void;
}

/** Last activity, and for a live session how long it may still idle before it ends. */
function activity(session: TerminalSession): string {
  const last = session.lastActivityAt ?? session.readyAt ?? session.createdAt;
  if (session.state === 'Ended') return formatRelative(session.endedAt ?? last);
  return `${formatRelative(last)} · ends after ${formatDuration(
    session.idleTimeoutSeconds,
  )} idle`;
}

/** The caller's sessions, with Open and End for the live ones and the recording of recorded ones. */
export const SessionsTable = ({
  sessions,
  sessionPath,
  onEnded,
}: SessionsTableProps) => {
  const columns: TableColumn<TerminalSession>[] = [
    {
      title: 'Profile',
      render: s => (
        <>
          <Typography variant="body2">{s.profile}</Typography>
          {s.vcluster && (
            <Typography variant="caption" color="textSecondary">
              vCluster {s.vcluster}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'State',
      render: s => (
        <>
          <SessionStateChip state={s.state} />
          {s.reason && (
            <Typography variant="caption" display="block" color="textSecondary">
              {s.reason}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Started', render: s => formatRelative(s.createdAt) },
    { title: 'Last activity', render: activity },
    {
      title: 'Actions',
      render: s => (
        <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
          {s.state !== 'Ended' && (
            <Box display="flex" alignItems="center" style={{ gap: 16 }}>
              <Link to={sessionPath(s.id)}>Open</Link>
              <EndSessionButton
                size="small"
                sessionId={s.id}
                onEnded={onEnded}
              />
            </Box>
          )}
          {/* Live or ended: a recording is written as the session runs. */}
          {s.recording && <RecordingActions sessionId={s.id} />}
        </Box>
      ),
    },
  ];
  return (
    <Table<TerminalSession>
      title={`My sessions (${sessions.length})`}
      options={{ search: false, paging: sessions.length > 20, pageSize: 20 }}
      columns={columns}
      data={sessions}
    />
  );
};

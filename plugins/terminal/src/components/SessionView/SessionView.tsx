import {
  EmptyState,
  ErrorPanel,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { ReactNode } from 'react';
import { describeTerminalError } from '../../api/describeTerminalError';
import { SessionStateChip } from '../common/SessionStateChip';
import { TerminalPanel } from './TerminalPanel';
import { useSession } from './useSession';

/** Props of {@link SessionView}. */
export interface SessionViewProps {
  sessionId: string;
  /** Shown beside the session's state, e.g. a link back to all sessions. */
  actions?: ReactNode;
}

/**
 * One session: waits while it starts (polling every second), then connects its terminal;
 * an ended session says why. Reloading the page lands here again and reconnects to the same
 * live session, whose tmux redraws the screen.
 */
export const SessionView = ({ sessionId, actions }: SessionViewProps) => {
  const { session, error, loading, refresh } = useSession(sessionId);

  if (loading) return <Progress />;
  if (error || !session) {
    return (
      <ErrorPanel
        error={error ?? new Error('no session')}
        title={`Could not load the session: ${describeTerminalError(
          error ?? new Error('no session'),
        )}`}
      />
    );
  }

  const heading = (
    <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={2}>
      <Typography variant="h5">
        {session.profile}
        {session.vcluster ? ` · vCluster ${session.vcluster}` : ''}
      </Typography>
      <SessionStateChip state={session.state} />
      <Box flex={1} />
      {actions}
    </Box>
  );

  if (session.state === 'Starting') {
    return (
      <>
        {heading}
        <InfoCard title="Starting your session">
          <Typography paragraph>
            {session.reason ?? 'Waiting for a runner in the cluster…'}
          </Typography>
          <Progress />
        </InfoCard>
      </>
    );
  }
  if (session.state === 'Ended') {
    return (
      <>
        {heading}
        <EmptyState
          missing="content"
          title="This session has ended"
          description={
            session.reason ?? 'Start a new session to get a shell again.'
          }
        />
      </>
    );
  }
  return (
    <>
      {heading}
      <TerminalPanel sessionId={session.id} onEnded={refresh} />
    </>
  );
};

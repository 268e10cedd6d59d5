import {
  Content,
  ContentHeader,
  EmptyState,
  ErrorPanel,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { TerminalSession } from '@hatchway/plugin-terminal-common';
import { Box, Button } from '@material-ui/core';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { terminalApiRef } from '../../api/TerminalApi';
import { describeTerminalError } from '../../api/describeTerminalError';
import { NewSessionDialog } from '../NewSessionDialog/NewSessionDialog';
import { SessionsTable } from './SessionsTable';

/** Props of {@link SessionsPage}. */
export interface SessionsPageProps {
  /** The session view's path. */
  sessionPath(id: string): string;
}

/** `/terminal`: the caller's sessions and "New session". */
export const SessionsPage = ({ sessionPath }: SessionsPageProps) => {
  const api = useApi(terminalApiRef);
  const sessions = useAsyncRetry(() => api.listSessions(), [api]);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const onStarted = useCallback(
    (session: TerminalSession) => navigate(sessionPath(session.id)),
    [navigate, sessionPath],
  );
  const newSession = (
    <Button
      variant="contained"
      color="primary"
      onClick={() => setCreating(true)}
    >
      New session
    </Button>
  );

  let body: JSX.Element;
  if (sessions.loading && !sessions.value) {
    body = <Progress />;
  } else if (sessions.error) {
    body = (
      <>
        <ErrorPanel
          error={sessions.error}
          title={`Could not load your sessions: ${describeTerminalError(
            sessions.error,
          )}`}
        />
        {/* Outside the panel: its children sit in a collapsed details section. */}
        <Box mt={2}>
          <Button variant="outlined" onClick={sessions.retry}>
            Retry
          </Button>
        </Box>
      </>
    );
  } else if (!sessions.value?.length) {
    body = (
      <EmptyState
        missing="content"
        title="No sessions yet"
        description="A session is a shell in the cluster, in your browser, with the tools of the profile you pick."
        action={newSession}
      />
    );
  } else {
    body = (
      <SessionsTable
        sessions={sessions.value}
        sessionPath={sessionPath}
        onEnded={sessions.retry}
      />
    );
  }

  return (
    <Content>
      <ContentHeader title="Sessions">{newSession}</ContentHeader>
      {body}
      <NewSessionDialog
        open={creating}
        onClose={() => setCreating(false)}
        onStarted={onStarted}
      />
    </Content>
  );
};

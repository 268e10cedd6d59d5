import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { terminalApiRef } from '../../api/TerminalApi';
import { isTerminalApiError } from '../../api/TerminalApiError';
import { capIdle, parseAsciicast } from './asciicast';
import { describeRecordingError, NO_RECORDING } from './recordingMessages';
import { RecordingPlayer } from './RecordingPlayer';

/** Pauses longer than this are shortened in the replay. */
const MAX_IDLE_SECONDS = 2;

/** Props of {@link RecordingDialog}. */
export interface RecordingDialogProps {
  sessionId: string;
  onClose(): void;
}

/** Loads a session's recording and plays it; mounted only while open. */
export const RecordingDialog = ({
  sessionId,
  onClose,
}: RecordingDialogProps) => {
  const api = useApi(terminalApiRef);
  const recording = useAsync(
    () => api.getRecording(sessionId),
    [api, sessionId],
  );
  const parsed = useMemo(() => {
    if (recording.value === undefined) return undefined;
    try {
      return {
        cast: capIdle(parseAsciicast(recording.value), MAX_IDLE_SECONDS),
      };
    } catch (error) {
      return { error: error as Error };
    }
  }, [recording.value]);

  let body: JSX.Element;
  if (recording.loading) {
    body = <Progress />;
  } else if (recording.error) {
    body = (
      <Alert
        severity={
          isTerminalApiError(recording.error, 'not-found') ? 'info' : 'error'
        }
        role="alert"
      >
        {describeRecordingError(recording.error)}
      </Alert>
    );
  } else if (parsed?.error) {
    body = (
      <Alert severity="error" role="alert">
        The recording cannot be played: {parsed.error.message}
      </Alert>
    );
  } else if (!parsed?.cast || parsed.cast.events.length === 0) {
    body = (
      <Alert severity="info" role="alert">
        {NO_RECORDING}
      </Alert>
    );
  } else {
    body = (
      <>
        <RecordingPlayer cast={parsed.cast} />
        <Typography variant="caption" color="textSecondary">
          Pauses longer than {MAX_IDLE_SECONDS} seconds are shortened.
        </Typography>
      </>
    );
  }

  const titleId = `recording-${sessionId}`;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Recording of session {sessionId}</DialogTitle>
      <DialogContent>{body}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};

import { useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { terminalApiRef } from '../../api/TerminalApi';
import { describeTerminalError } from '../../api/describeTerminalError';

/** Props of {@link EndSessionButton}. */
export interface EndSessionButtonProps {
  sessionId: string;
  /** Called once the backend ended the session. */
  onEnded(): void;
  size?: 'small' | 'medium';
}

/**
 * "End session", after a confirmation: ending kills the shell and everything running in it,
 * which no reconnect brings back.
 */
export const EndSessionButton = ({
  sessionId,
  onEnded,
  size,
}: EndSessionButtonProps) => {
  const api = useApi(terminalApiRef);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error>();

  const end = async () => {
    setPending(true);
    setError(undefined);
    try {
      await api.endSession(sessionId);
      setConfirming(false);
      onEnded();
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button
        size={size}
        color="secondary"
        variant="outlined"
        onClick={() => setConfirming(true)}
      >
        End session
      </Button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby={`end-${sessionId}`}
      >
        <DialogTitle id={`end-${sessionId}`}>End this session?</DialogTitle>
        <DialogContent>
          {error && (
            <Alert severity="error" role="alert">
              {describeTerminalError(error)}
            </Alert>
          )}
          <DialogContentText>
            The shell and every process in it stop, and the session cannot be
            reopened.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={pending}
            onClick={end}
          >
            {pending ? 'Ending…' : 'End session'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

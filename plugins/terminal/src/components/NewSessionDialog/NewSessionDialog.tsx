import { EmptyState, ErrorPanel, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { TerminalSession } from '@hatchway/plugin-terminal-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { terminalApiRef } from '../../api/TerminalApi';
import { describeTerminalError } from '../../api/describeTerminalError';
import { ProfilePicker } from './ProfilePicker';
import { useStartSession } from './useStartSession';

/** Props of {@link NewSessionDialog}. */
export interface NewSessionDialogProps {
  open: boolean;
  onClose(): void;
  onStarted(session: TerminalSession): void;
}

/** Picks a profile and starts a session of it; refusals (caps, bad profile) stay in the dialog. */
export const NewSessionDialog = ({
  open,
  onClose,
  onStarted,
}: NewSessionDialogProps) => {
  const api = useApi(terminalApiRef);
  // Profiles that mount a vCluster start from that vCluster's Shell tab, which names it.
  const profiles = useAsyncRetry(
    async () =>
      open ? (await api.listProfiles()).filter(p => !p.vcluster) : [],
    [api, open],
  );
  const [chosen, setChosen] = useState<string>();
  const { start, pending, error } = useStartSession(onStarted);

  // Preselect the only sensible choice when there is just one profile.
  useEffect(() => {
    if (!chosen && profiles.value?.length === 1)
      setChosen(profiles.value[0].name);
  }, [chosen, profiles.value]);

  let body: JSX.Element;
  if (profiles.loading) {
    body = <Progress />;
  } else if (profiles.error) {
    body = (
      <ErrorPanel
        error={profiles.error}
        title={`Could not load the profiles: ${describeTerminalError(
          profiles.error,
        )}`}
      />
    );
  } else if (!profiles.value?.length) {
    body = (
      <EmptyState
        missing="info"
        title="No profiles"
        description="An administrator configures session profiles under terminal.profiles in the app config."
      />
    );
  } else {
    body = (
      <ProfilePicker
        profiles={profiles.value}
        value={chosen}
        onChange={setChosen}
      />
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="new-session-title"
      fullWidth
    >
      <DialogTitle id="new-session-title">New session</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {describeTerminalError(error)}
          </Alert>
        )}
        {body}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!chosen || pending}
          onClick={() => chosen && start({ profile: chosen })}
        >
          {pending ? 'Starting…' : 'Start session'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

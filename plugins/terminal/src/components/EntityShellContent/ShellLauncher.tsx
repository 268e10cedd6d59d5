import {
  EmptyState,
  ErrorPanel,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { TerminalSession } from '@hatchway/plugin-terminal-common';
import { Box, Button, List, ListItem, ListItemText } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { terminalApiRef } from '../../api/TerminalApi';
import { describeTerminalError } from '../../api/describeTerminalError';
import { formatRelative } from '../common/format';
import { ProfilePicker } from '../NewSessionDialog/ProfilePicker';
import { useStartSession } from '../NewSessionDialog/useStartSession';

/** Props of {@link ShellLauncher}. */
export interface ShellLauncherProps {
  vcluster: string;
  onOpen(session: TerminalSession): void;
}

/** The profiles that can mount a vCluster's kubeconfig, and the caller's open shells in it. */
export const ShellLauncher = ({ vcluster, onOpen }: ShellLauncherProps) => {
  const api = useApi(terminalApiRef);
  const data = useAsyncRetry(async () => {
    const [profiles, sessions] = await Promise.all([
      api.listProfiles(),
      api.listSessions(),
    ]);
    return {
      profiles: profiles.filter(p => p.vcluster),
      open: sessions.filter(
        s => s.vcluster === vcluster && s.state !== 'Ended',
      ),
    };
  }, [api, vcluster]);
  const [chosen, setChosen] = useState<string>();
  const { start, pending, error } = useStartSession(onOpen);

  if (data.loading) return <Progress />;
  if (data.error) {
    return (
      <ErrorPanel
        error={data.error}
        title={`Could not load the shell profiles: ${describeTerminalError(
          data.error,
        )}`}
      />
    );
  }
  const { profiles, open } = data.value!;
  if (!profiles.length) {
    return (
      <EmptyState
        missing="info"
        title="No shell profile for vClusters"
        description="An administrator enables vCluster shells with a profile that has vcluster: true under terminal.profiles."
      />
    );
  }
  return (
    <>
      {open.length > 0 && (
        <InfoCard title={`Your open shells in ${vcluster}`}>
          <List dense>
            {open.map(s => (
              <ListItem key={s.id} button onClick={() => onOpen(s)}>
                <ListItemText
                  primary={`${s.profile} · ${s.state}`}
                  secondary={`started ${formatRelative(s.createdAt)}`}
                />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      )}
      <Box mt={open.length ? 2 : 0}>
        <InfoCard title={`Open a shell in vCluster ${vcluster}`}>
          {error && (
            <Alert severity="error" role="alert">
              {describeTerminalError(error)}
            </Alert>
          )}
          <ProfilePicker
            profiles={profiles}
            value={chosen}
            onChange={setChosen}
          />
          <Button
            color="primary"
            variant="contained"
            disabled={!chosen || pending}
            onClick={() => chosen && start({ profile: chosen, vcluster })}
          >
            {pending ? 'Starting…' : 'Open shell'}
          </Button>
        </InfoCard>
      </Box>
    </>
  );
};

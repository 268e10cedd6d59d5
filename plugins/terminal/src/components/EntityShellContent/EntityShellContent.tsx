import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button } from '@material-ui/core';
import { useState } from 'react';
import { sessionRouteRef } from '../../routes';
import { SessionView } from '../SessionView/SessionView';
import { ShellLauncher } from './ShellLauncher';
import { vclusterName } from './vclusterName';

/**
 * The "Shell" tab of a vCluster: pick a profile, and the shell opens right here with the
 * vCluster's kubeconfig mounted in its runner.
 */
export const EntityShellContent = () => {
  const { entity } = useEntity();
  const vcluster = vclusterName(entity);
  const [sessionId, setSessionId] = useState<string>();
  const sessionLink = useRouteRef(sessionRouteRef);

  if (!sessionId) {
    return (
      <ShellLauncher vcluster={vcluster} onOpen={s => setSessionId(s.id)} />
    );
  }
  return (
    <SessionView
      key={sessionId}
      sessionId={sessionId}
      actions={
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          {sessionLink && (
            <Link to={sessionLink({ id: sessionId })}>
              Open on the Terminal page
            </Link>
          )}
          <Button size="small" onClick={() => setSessionId(undefined)}>
            Back to profiles
          </Button>
        </Box>
      }
    />
  );
};

import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { Box } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import GetAppIcon from '@material-ui/icons/GetApp';
import HourglassIcon from '@material-ui/icons/HourglassEmpty';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import PauseIcon from '@material-ui/icons/Pause';
import { useState } from 'react';
import { describeError } from '../../api/describeError';
import { vclusterApiRef } from '../../api/VClusterApi';
import { useVClusterPermissions } from '../../hooks/useVClusterPermissions';
import { kubeconfigFileName } from '../common/ConnectInstructions';
import { ActionButton } from './ActionButton';
import { DeleteVClusterDialog } from './DeleteVClusterDialog';
import { ExtendTtlDialog } from './ExtendTtlDialog';
import { saveTextFile } from './saveFile';

const NOT_ALLOWED = 'You are not allowed to do this';

/**
 * The actions on one vCluster: download its kubeconfig, sleep or wake it, extend its TTL and
 * delete it. Each is disabled when the user's permissions or the vCluster's phase rule it out,
 * with the reason as the tooltip. `onChanged` lets the view re-load at once.
 */
export const VClusterActions = (props: {
  vcluster: VCluster;
  onChanged: () => void;
}) => {
  const { vcluster, onChanged } = props;
  const { name, phase } = vcluster;
  const api = useApi(vclusterApiRef);
  const alertApi = useApi(alertApiRef);
  const may = useVClusterPermissions(name);
  const [dialog, setDialog] = useState<'delete' | 'ttl'>();

  const run = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      onChanged();
    } catch (e) {
      alertApi.post({
        message: `Could not ${what} ${name}: ${describeError(e as Error)}`,
        severity: 'error',
      });
    }
  };
  const download = () =>
    run('download the kubeconfig of', async () => {
      const yaml = await api.downloadKubeconfig(name);
      saveTextFile(kubeconfigFileName(name), yaml, 'application/yaml');
    });
  const asleep = phase === 'Sleeping';

  return (
    <Box display="flex" alignItems="center">
      <ActionButton
        label={`Download kubeconfig of ${name}`}
        icon={<GetAppIcon />}
        onClick={download}
        disabledReason={
          (!may.canDownloadKubeconfig && NOT_ALLOWED) ||
          (phase !== 'Ready' && 'Available once it is Ready') ||
          undefined
        }
      />
      <ActionButton
        label={asleep ? `Wake ${name}` : `Sleep ${name}`}
        icon={asleep ? <PlayArrowIcon /> : <PauseIcon />}
        onClick={() =>
          asleep
            ? run('wake', () => api.wake(name))
            : run('put to sleep', () => api.sleep(name))
        }
        disabledReason={
          (!may.canUpdate && NOT_ALLOWED) ||
          (!asleep && phase !== 'Ready' && 'Only a Ready vCluster can sleep') ||
          undefined
        }
      />
      <ActionButton
        label={`Extend TTL of ${name}`}
        icon={<HourglassIcon />}
        onClick={() => setDialog('ttl')}
        disabledReason={
          (!may.canUpdate && NOT_ALLOWED) ||
          (phase === 'Deleting' && 'It is being deleted') ||
          undefined
        }
      />
      <ActionButton
        label={`Delete ${name}`}
        icon={<DeleteIcon />}
        onClick={() => setDialog('delete')}
        disabledReason={
          (!may.canDelete && NOT_ALLOWED) ||
          (phase === 'Deleting' && 'It is being deleted') ||
          undefined
        }
      />
      <DeleteVClusterDialog
        name={name}
        open={dialog === 'delete'}
        onClose={() => setDialog(undefined)}
        onDelete={async () => {
          await api.delete(name);
          onChanged();
        }}
      />
      {dialog === 'ttl' && (
        <ExtendTtlDialog
          vcluster={vcluster}
          open
          onClose={() => setDialog(undefined)}
          onExtend={async ttlHours => {
            await api.extendTtl(name, ttlHours);
            onChanged();
          }}
        />
      )}
    </Box>
  );
};

import { Progress } from '@backstage/core-components';
import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { Dialog, DialogContent, DialogTitle } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '../../api/describeError';
import { useOwnerChoices } from '../../hooks/useOwnerChoices';
import { useVClusterConfig } from '../../hooks/useVClusterConfig';
import { CreateVClusterForm } from './CreateVClusterForm';

/**
 * The create dialog. It loads the sizes and the user's owner choices when opened, validates as
 * the user types (with the backend's own name rule) and shows the backend's reason when it
 * still refuses (invalid input, a taken name, an exceeded quota).
 */
export const CreateVClusterDialog = (props: {
  onClose: () => void;
  onCreated: (vcluster: VCluster) => void;
}) => {
  const { config, loading, error } = useVClusterConfig();
  const owners = useOwnerChoices();
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="vcluster-create-title"
      fullWidth
    >
      <DialogTitle id="vcluster-create-title">Create a vCluster</DialogTitle>
      {(loading || owners.loading) && <Progress />}
      {error && (
        <DialogContent>
          <Alert severity="error">{describeError(error)}</Alert>
        </DialogContent>
      )}
      {config && !owners.loading && (
        <CreateVClusterForm {...props} config={config} owners={owners.owners} />
      )}
    </Dialog>
  );
};

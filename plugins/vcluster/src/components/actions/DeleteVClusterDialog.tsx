import { DialogContentText, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { describeError } from '../../api/describeError';
import { useSubmission } from '../../hooks/useSubmission';
import { ActionDialog } from './ActionDialog';

/**
 * Asks the user to type the vCluster's name before deleting it: deleting removes every object
 * inside, and with a list of similar names a single click is too easy to aim wrong.
 */
export const DeleteVClusterDialog = (props: {
  name: string;
  open: boolean;
  onClose: () => void;
  onDelete: () => Promise<void>;
}) => {
  const { name, open, onClose, onDelete } = props;
  const [typed, setTyped] = useState('');
  const { busy, error, submit, clearError } = useSubmission();

  const close = () => {
    setTyped('');
    clearError();
    onClose();
  };
  const confirm = () =>
    submit(async () => {
      await onDelete();
      close();
    });

  return (
    <ActionDialog
      titleId="vcluster-delete-title"
      title={<>Delete vCluster {name}?</>}
      open={open}
      onClose={close}
      action={{ label: 'Delete', color: 'secondary' }}
      actionDisabled={typed !== name || busy}
      onAction={confirm}
    >
      <DialogContentText>
        Everything inside it is deleted with it. This cannot be undone.
      </DialogContentText>
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      <TextField
        id="vcluster-delete-confirm"
        label={`Type ${name} to confirm`}
        value={typed}
        onChange={e => setTyped(e.target.value)}
        fullWidth
        margin="dense"
      />
    </ActionDialog>
  );
};

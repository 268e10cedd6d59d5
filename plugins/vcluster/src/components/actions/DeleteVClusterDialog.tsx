import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { describeError } from '../../api/describeError';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const close = () => {
    setTyped('');
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onDelete();
      close();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="vcluster-delete-title">
      <DialogTitle id="vcluster-delete-title">
        Delete vCluster {name}?
      </DialogTitle>
      <DialogContent>
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
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={typed !== name || busy}
          onClick={confirm}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
};

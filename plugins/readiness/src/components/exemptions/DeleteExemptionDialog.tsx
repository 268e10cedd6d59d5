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
import type { ReadinessExemption as Exemption } from '../../api/types';
import { useState } from 'react';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import { describeMatch } from './exemptionForm';

/** Asks before deleting an exemption: its failures count again at once. */
export const DeleteExemptionDialog = (props: {
  exemption: Exemption | undefined;
  onClose: () => void;
  onDeleted: (exemption: Exemption) => void;
}) => {
  const { exemption, onClose, onDeleted } = props;
  const api = useApi(readinessApiRef);
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState(false);

  const confirm = async () => {
    if (!exemption) return;
    setDeleting(true);
    setError(undefined);
    try {
      await api.deleteExemption(exemption.id);
      onDeleted(exemption);
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog
      open={!!exemption}
      onClose={onClose}
      aria-labelledby="readiness-delete-title"
    >
      <DialogTitle id="readiness-delete-title">Delete exemption?</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {exemption && (
          <DialogContentText>
            Failures of {exemption.checkIds.join(', ')} on{' '}
            {describeMatch(exemption.match)} will count against the score again
            at once.
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={confirm}
          disabled={deleting}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
};

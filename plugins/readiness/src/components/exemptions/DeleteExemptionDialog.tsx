import { useApi } from '@backstage/frontend-plugin-api';
import {
  Dialog,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ReadinessExemption as Exemption } from '../../api/types';
import { readinessApiRef } from '../../api/ReadinessApi';
import { DialogButtons } from './DialogButtons';
import { describeMatch } from './exemptionForm';
import { useSubmission } from './useSubmission';

/** Asks before deleting an exemption: its failures count again at once. */
export const DeleteExemptionDialog = (props: {
  exemption: Exemption | undefined;
  onClose: () => void;
  onDeleted: (exemption: Exemption) => void;
}) => {
  const { exemption, onClose, onDeleted } = props;
  const api = useApi(readinessApiRef);
  const { busy: deleting, error, submit } = useSubmission();

  const confirm = async () => {
    if (!exemption) return;
    await submit(async () => {
      await api.deleteExemption(exemption.id);
      onDeleted(exemption);
    });
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
      <DialogButtons
        onCancel={onClose}
        action={{ label: 'Delete', color: 'secondary' }}
        onAction={confirm}
        busy={deleting}
      />
    </Dialog>
  );
};

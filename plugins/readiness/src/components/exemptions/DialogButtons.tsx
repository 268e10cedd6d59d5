import { Button, DialogActions } from '@material-ui/core';

/** The exemption dialogs' buttons: Cancel, then the one action, disabled while it runs. */
export const DialogButtons = (props: {
  onCancel: () => void;
  action: { label: string; color: 'primary' | 'secondary' };
  onAction: () => void;
  busy: boolean;
}) => (
  <DialogActions>
    <Button onClick={props.onCancel}>Cancel</Button>
    <Button
      color={props.action.color}
      variant="contained"
      onClick={props.onAction}
      disabled={props.busy}
    >
      {props.action.label}
    </Button>
  </DialogActions>
);

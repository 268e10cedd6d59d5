import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import type { ReactNode } from 'react';

/**
 * The frame of the dialogs that confirm one action on a vCluster: a title that names the dialog,
 * the caller's content, then Cancel and the action's button.
 */
export const ActionDialog = (props: {
  titleId: string;
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  action: { label: string; color: 'primary' | 'secondary' };
  actionDisabled: boolean;
  onAction: () => void;
  children: ReactNode;
}) => {
  const { titleId, title, open, onClose, action, actionDisabled, onAction } =
    props;
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>{props.children}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color={action.color}
          variant="contained"
          disabled={actionDisabled}
          onClick={onAction}
        >
          {action.label}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

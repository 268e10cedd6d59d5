import { IconButton, Tooltip } from '@material-ui/core';
import type { ReactElement } from 'react';

/**
 * An icon button named by its label, with the label (or why it is disabled) as its tooltip.
 * The span keeps the tooltip working on a disabled button, which emits no mouse events.
 */
export const ActionButton = (props: {
  label: string;
  icon: ReactElement;
  onClick: () => void;
  disabledReason?: string;
}) => {
  const { label, icon, onClick, disabledReason } = props;
  return (
    <Tooltip title={disabledReason ?? label}>
      <span>
        <IconButton
          size="small"
          aria-label={label}
          disabled={Boolean(disabledReason)}
          onClick={onClick}
        >
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
};

import { Chip, Theme, useTheme } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HighlightOffIcon from '@material-ui/icons/HighlightOff';
import WarningIcon from '@material-ui/icons/Warning';
import type { ComponentHealth } from '../../api/types';

function paletteOf(theme: Theme, health: ComponentHealth) {
  if (health === 'Healthy') return theme.palette.success;
  if (health === 'Degraded') return theme.palette.warning;
  return theme.palette.error;
}

// The icon takes the label's colour so it stays readable on the coloured fill.
const iconStyle = { color: 'inherit' };
const ICONS: Record<ComponentHealth, JSX.Element> = {
  Healthy: <CheckCircleIcon style={iconStyle} />,
  Degraded: <WarningIcon style={iconStyle} />,
  Missing: <HighlightOffIcon style={iconStyle} />,
};

/** A component's health: green Healthy, amber Degraded, red Missing, each with its own icon. */
export const HealthChip = (props: { health: ComponentHealth }) => {
  const theme = useTheme();
  const palette = paletteOf(theme, props.health);
  return (
    <Chip
      size="small"
      icon={ICONS[props.health]}
      label={props.health}
      style={{ backgroundColor: palette.main, color: palette.contrastText }}
      data-health={props.health}
    />
  );
};

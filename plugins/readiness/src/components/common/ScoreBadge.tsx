import { Chip, makeStyles, Theme, Typography } from '@material-ui/core';
import { levelLabel } from './labels';

/** Medal colours for the default levels; custom levels get the neutral chip. */
const LEVEL_COLORS: Record<string, string> = {
  gold: '#c9a227',
  silver: '#8f9499',
  bronze: '#b0703a',
};

/** Green from 90, amber from 70, red below: the bands Polaris users are used to. */
export function scoreColor(theme: Theme, score: number): string {
  if (score >= 90) return theme.palette.success.main;
  if (score >= 70) return theme.palette.warning.main;
  return theme.palette.error.main;
}

const useStyles = makeStyles<Theme, { score: number; size: number }>(theme => ({
  badge: ({ score, size }) => ({
    width: size,
    height: size,
    borderRadius: '50%',
    border: `${Math.max(3, size / 12)}px solid ${scoreColor(theme, score)}`,
    display: 'inline-flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
  }),
  value: ({ size }) => ({
    fontSize: size / 3,
    fontWeight: 700,
    lineHeight: 1,
  }),
  unit: { fontSize: 11, color: theme.palette.text.secondary },
}));

/** The 0–100 score in a ring coloured by band. */
export const ScoreBadge = (props: { score: number; size?: number }) => {
  const { score, size = 72 } = props;
  const classes = useStyles({ score, size });
  return (
    <div
      className={classes.badge}
      role="img"
      aria-label={`Readiness score ${score} out of 100`}
    >
      <span className={classes.value}>{score}</span>
      <Typography className={classes.unit} component="span">
        / 100
      </Typography>
    </div>
  );
};

/** The level reached (gold, silver, bronze or none) as a chip. */
export const LevelChip = (props: { level?: string }) => {
  const color = props.level ? LEVEL_COLORS[props.level] : undefined;
  return (
    <Chip
      size="small"
      label={levelLabel(props.level)}
      variant={color ? 'default' : 'outlined'}
      style={color ? { backgroundColor: color, color: '#fff' } : undefined}
    />
  );
};

import {
  Box,
  LinearProgress,
  makeStyles,
  Theme,
  Typography,
} from '@material-ui/core';
import {
  CATEGORIES,
  Category,
  FindingCounts,
} from '@hatchway/plugin-readiness-common';
import { CATEGORY_LABELS } from './labels';
import { scoreColor } from './ScoreBadge';

const useStyles = makeStyles(theme => ({
  row: { marginBottom: theme.spacing(1.5) },
  caption: { display: 'flex', justifyContent: 'space-between' },
}));

/** Passed ÷ (passed + failed), the share the bar fills; exempted and skipped do not count. */
export function passRate(
  counts: FindingCounts | undefined,
): number | undefined {
  const scored = (counts?.passed ?? 0) + (counts?.failed ?? 0);
  if (!counts || scored === 0) return undefined;
  return Math.floor((100 * counts.passed) / scored);
}

const useBarStyles = makeStyles<Theme, { rate: number | undefined }>(theme => ({
  root: { height: 8, borderRadius: 4 },
  colorPrimary: { backgroundColor: theme.palette.action.hover },
  bar: ({ rate }) => ({
    backgroundColor:
      rate === undefined
        ? theme.palette.action.disabled
        : scoreColor(theme, rate),
  }),
}));

const ColoredBar = (props: { label: string; rate: number | undefined }) => {
  const classes = useBarStyles({ rate: props.rate });
  return (
    <LinearProgress
      variant="determinate"
      value={props.rate ?? 0}
      classes={classes}
      aria-label={props.label}
    />
  );
};

/**
 * One bar per category. The bar is the category's own score when the backend computed one
 * (Polaris's formula over that category's findings), else its pass rate.
 */
export const CategoryBars = (props: {
  byCategory: Partial<Record<Category, FindingCounts>> | undefined;
  categoryScores?: Partial<Record<Category, number>>;
}) => {
  const classes = useStyles();
  return (
    <Box>
      {CATEGORIES.map(category => {
        const counts = props.byCategory?.[category];
        const checked = passRate(counts) !== undefined;
        const rate = checked
          ? props.categoryScores?.[category] ?? passRate(counts)
          : undefined;
        return (
          <div key={category} className={classes.row}>
            <div className={classes.caption}>
              <Typography variant="body2">
                {CATEGORY_LABELS[category]}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {rate === undefined
                  ? 'not checked'
                  : `${rate}/100 · ${counts?.failed ?? 0} failed`}
              </Typography>
            </div>
            <ColoredBar label={CATEGORY_LABELS[category]} rate={rate} />
          </div>
        );
      })}
    </Box>
  );
};

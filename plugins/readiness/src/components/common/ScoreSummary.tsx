import { Box, makeStyles, Typography } from '@material-ui/core';
import type { Category, Score } from '@hatchway/plugin-readiness-common';
import type { ReadinessEntityResponse } from '../../api/types';
import { CategoryBars } from './CategoryBars';
import { formatTime } from './labels';
import { LevelChip, ScoreBadge } from './ScoreBadge';

const useStyles = makeStyles(theme => ({
  head: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  counts: { display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) },
}));

/**
 * A score as the pages show it: the badge, the level, what fails by severity and a bar per
 * category. Used by the compliance page, the entity tab and the team card.
 */
export const ScoreSummary = (props: {
  score: Score;
  categoryScores?: Partial<Record<Category, number>>;
  scannedAt?: string;
  showCategories?: boolean;
}) => {
  const { score, categoryScores, scannedAt, showCategories = true } = props;
  const classes = useStyles();
  const failedDanger = score.bySeverity?.danger?.failed ?? 0;
  const failedWarning = score.bySeverity?.warning?.failed ?? 0;
  return (
    <Box>
      <div className={classes.head}>
        <ScoreBadge score={score.score} />
        <div className={classes.counts}>
          <Box>
            <LevelChip level={score.level} />
          </Box>
          <Typography variant="body2">
            {failedDanger} danger · {failedWarning} warning failing
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {score.total?.passed ?? 0} passed · {score.total?.exempted ?? 0}{' '}
            exempted
            {scannedAt ? ` · scanned ${formatTime(scannedAt)}` : ''}
          </Typography>
        </div>
      </div>
      {showCategories && (
        <CategoryBars
          byCategory={score.byCategory}
          categoryScores={categoryScores}
        />
      )}
    </Box>
  );
};

/** True when nothing was scored or shown: no resource behind the scope was scanned. */
export function isEmptyScore(score: Score | undefined): boolean {
  if (!score?.total) return true;
  const { passed, failed, exempted, skipped } = score.total;
  return passed + failed + exempted + skipped === 0;
}

/** Nothing scanned maps to the entity: no score counted and no finding to show. */
export function isUnmapped(
  readiness: ReadinessEntityResponse | undefined,
): boolean {
  return (
    !readiness ||
    (isEmptyScore(readiness.score) && readiness.findings.length === 0)
  );
}

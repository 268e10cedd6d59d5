import {
  EmptyState,
  ErrorPanel,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Grid } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import type { ReadinessScope, TrendWindow } from '../../api/types';
import { isEmptyScore, ScoreSummary } from '../common/ScoreSummary';
import { TrendCard } from '../common/TrendCard';

/**
 * The scope's score, level and category bars beside its daily trend over 30 or 90 days. A scope
 * without snapshots of its own (an owning team within one namespace) comes back without a
 * trend, and the score takes the whole row.
 */
export const SummarySection = (props: {
  scope: ReadinessScope;
  version: number;
}) => {
  const { scope, version } = props;
  const api = useApi(readinessApiRef);
  const [days, setDays] = useState<TrendWindow>(30);
  // Whether the last answer had a trend: keeps the layout still while the next one loads.
  const [hasTrend, setHasTrend] = useState(true);
  const scopeKey = JSON.stringify(scope);
  const summary = useAsync(async () => {
    const result = await api.getSummary(scope, { days });
    setHasTrend(result.trend !== undefined);
    return result;
  }, [api, scopeKey, days, version]);

  if (summary.error) {
    return (
      <ErrorPanel
        error={summary.error}
        title={`Could not load the summary: ${describeError(summary.error)}`}
      />
    );
  }
  if (!summary.loading && isEmptyScore(summary.value?.score)) {
    return (
      <EmptyState
        missing="data"
        title="Nothing scanned here"
        description="No scanned resource matches this cluster, namespace and team."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={hasTrend ? 5 : 12}>
        <InfoCard title="Score" variant="gridItem">
          {summary.loading || !summary.value ? (
            <Progress />
          ) : (
            <ScoreSummary
              score={summary.value.score}
              categoryScores={summary.value.categoryScores}
            />
          )}
        </InfoCard>
      </Grid>
      {hasTrend && (
        <Grid item xs={12} md={7}>
          <TrendCard
            days={days}
            onDaysChange={setDays}
            points={summary.value?.trend}
            loading={summary.loading}
          />
        </Grid>
      )}
    </Grid>
  );
};

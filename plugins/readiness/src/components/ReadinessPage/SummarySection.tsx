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
 * The scope's score, level and category bars beside its trend over 30 or 90 days. The first
 * request names no window: a backend that keeps no summary trends rejects `days`, so the
 * trend card (and its window switch) only shows once a summary has come back with a trend.
 */
export const SummarySection = (props: {
  scope: ReadinessScope;
  version: number;
}) => {
  const { scope, version } = props;
  const api = useApi(readinessApiRef);
  const [days, setDays] = useState<TrendWindow>();
  const [trendServed, setTrendServed] = useState(false);
  const scopeKey = JSON.stringify(scope);
  const summary = useAsync(async () => {
    const result = await api.getSummary(scope, days ? { days } : {});
    if (result.trend) setTrendServed(true);
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
      <Grid item xs={12} md={trendServed ? 5 : 12}>
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
      {trendServed && (
        <Grid item xs={12} md={7}>
          <TrendCard
            days={days ?? 30}
            onDaysChange={setDays}
            points={summary.value?.trend}
            loading={summary.loading}
          />
        </Grid>
      )}
    </Grid>
  );
};

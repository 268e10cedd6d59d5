import { ErrorPanel, InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import { rootRouteRef } from '../../routes';
import { isEmptyScore, ScoreSummary } from '../common/ScoreSummary';

/** A team's compliance on its Group page: the summary of everything it owns. */
export const GroupReadinessCard = () => {
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const pageLink = useRouteRef(rootRouteRef);
  const owner = stringifyEntityRef(entity);
  const summary = useAsync(() => api.getSummary({ owner }), [api, owner]);

  let content: JSX.Element;
  if (summary.loading) content = <Progress />;
  else if (summary.error) {
    content = (
      <ErrorPanel
        error={summary.error}
        title={`Could not load the team's readiness: ${describeError(
          summary.error,
        )}`}
      />
    );
  } else if (!summary.value || isEmptyScore(summary.value.score)) {
    content = (
      <Typography color="textSecondary">
        No scanned Kubernetes resource belongs to this team yet: resources count
        for the team that owns the catalog entity they map to.
      </Typography>
    );
  } else {
    content = (
      <ScoreSummary
        score={summary.value.score}
        categoryScores={summary.value.categoryScores}
      />
    );
  }

  const hasData = !!summary.value && !isEmptyScore(summary.value.score);
  return (
    <InfoCard
      title="Team readiness"
      deepLink={
        hasData && pageLink
          ? {
              title: "View the team's findings",
              link: `${pageLink()}?owner=${encodeURIComponent(owner)}`,
            }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
};

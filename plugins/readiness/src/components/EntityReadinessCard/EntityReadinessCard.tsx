import { ErrorPanel, InfoCard, Progress } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import type { ReadinessEntityResponse } from '../../api/types';
import { entityReadinessRouteRef } from '../../routes';
import { LevelChip, ScoreBadge } from '../common/ScoreBadge';
import { isUnmapped } from '../common/ScoreSummary';
import { SeverityChip } from '../common/SeverityChip';
import { PodSecurityStanding } from './PodSecurityStanding';

const TOP_CHECKS = 5;

const useStyles = makeStyles(theme => ({
  head: { display: 'flex', alignItems: 'center', gap: theme.spacing(2) },
  icon: { minWidth: 88 },
}));

const NotMapped = () => (
  <Typography color="textSecondary">
    No scanned Kubernetes resource maps to this entity yet. Resources map
    through the backstage.io/kubernetes-id label or the
    backstage.io/kubernetes-label-selector annotation; scores appear after the
    next scan.
  </Typography>
);

const Readiness = (props: { readiness: ReadinessEntityResponse }) => {
  const classes = useStyles();
  const { readiness } = props;
  const top = readiness.topFailingChecks.slice(0, TOP_CHECKS);
  return (
    <Box>
      <div className={classes.head}>
        <ScoreBadge score={readiness.score.score} />
        <Box>
          <LevelChip level={readiness.score.level} />
          <Typography variant="caption" color="textSecondary" component="div">
            {readiness.score.bySeverity?.danger?.failed ?? 0} danger ·{' '}
            {readiness.score.bySeverity?.warning?.failed ?? 0} warning failing
          </Typography>
        </Box>
      </div>
      {readiness.podSecurity && (
        <PodSecurityStanding standing={readiness.podSecurity} />
      )}
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Top failing checks
      </Typography>
      {top.length === 0 ? (
        <Typography color="textSecondary">Every check passes.</Typography>
      ) : (
        <List dense aria-label="Top failing checks">
          {top.map(check => (
            <ListItem key={check.checkId} disableGutters>
              <ListItemIcon className={classes.icon}>
                <SeverityChip severity={check.severity} />
              </ListItemIcon>
              <ListItemText
                primary={check.title ?? check.checkId}
                secondary={`${check.checkId} · ${check.failed} failing`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
};

/** The entity's readiness on its overview: score, level and the checks to fix first. */
export const EntityReadinessCard = () => {
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const tabLink = useRouteRef(entityReadinessRouteRef);
  const entityRef = stringifyEntityRef(entity);
  const readiness = useAsync(
    () => api.getEntityReadiness(getCompoundEntityRef(entity), { days: 30 }),
    [api, entityRef],
  );

  let content: JSX.Element;
  if (readiness.loading) content = <Progress />;
  else if (readiness.error) {
    content = (
      <ErrorPanel
        error={readiness.error}
        title={`Could not load readiness: ${describeError(readiness.error)}`}
      />
    );
  } else if (!readiness.value || isUnmapped(readiness.value)) {
    content = <NotMapped />;
  } else content = <Readiness readiness={readiness.value} />;

  const mapped = !readiness.loading && !isUnmapped(readiness.value);
  return (
    <InfoCard
      title="Readiness"
      deepLink={
        mapped && tabLink
          ? { title: 'View all findings', link: tabLink() }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
};

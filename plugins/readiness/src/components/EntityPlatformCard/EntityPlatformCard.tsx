import { ErrorPanel, InfoCard, Link } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Divider, makeStyles, Typography } from '@material-ui/core';
import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { describeError } from '../../api/responseError';
import { rootRouteRef } from '../../routes';
import { ComponentDetails, HealthSince } from '../PlatformView/ComponentCard';
import { HealthChip } from '../PlatformView/HealthChip';

const useStyles = makeStyles(theme => ({
  item: { padding: theme.spacing(1.5, 0) },
  head: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/**
 * The live status of the platform components an entity shows (cert-manager's Component, say):
 * health, since when, why, replicas and pods, per cluster. It renders nothing for the many
 * entities that map to no platform component, and nothing while it finds out, so their
 * overview does not flash an empty card.
 */
export const EntityPlatformCard = () => {
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const boardLink = useRouteRef(rootRouteRef);
  const classes = useStyles();
  const entityRef = stringifyEntityRef(entity);
  const platform = useAsync(
    () => api.getEntityPlatform(getCompoundEntityRef(entity)),
    [api, entityRef],
  );

  if (platform.error) {
    return (
      <InfoCard title="Platform component status">
        <ErrorPanel
          error={platform.error}
          title={`Could not load the platform status: ${describeError(
            platform.error,
          )}`}
        />
      </InfoCard>
    );
  }
  const items = platform.value?.items ?? [];
  if (items.length === 0) return null;

  return (
    <InfoCard title="Platform component status">
      {items.map((item, i) => {
        const board = boardLink
          ? `${boardLink()}?${new URLSearchParams({
              view: 'platform',
              cluster: item.cluster,
            })}`
          : undefined;
        return (
          <Fragment key={`${item.cluster}/${item.name}`}>
            {i > 0 && <Divider />}
            <Box
              className={classes.item}
              component="section"
              aria-label={`${item.title} on ${item.cluster}`}
            >
              <div className={classes.head}>
                <Typography variant="subtitle1" component="h3">
                  {item.title}
                </Typography>
                <HealthChip health={item.health} />
                <Typography variant="body2" color="textSecondary">
                  on {item.cluster}
                  {item.namespace ? `, namespace ${item.namespace}` : ''}
                </Typography>
              </div>
              <Box mb={1}>
                <HealthSince component={item} />
              </Box>
              <ComponentDetails component={item} />
              {board && (
                <Box mt={1}>
                  <Link to={board}>Platform board of {item.cluster}</Link>
                </Box>
              )}
            </Box>
          </Fragment>
        );
      })}
    </InfoCard>
  );
};

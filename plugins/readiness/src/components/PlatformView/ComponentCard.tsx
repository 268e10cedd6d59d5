import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import SwapVertIcon from '@material-ui/icons/SwapVert';
import type { ReadinessPlatformComponent } from '../../api/types';
import { HealthChip } from './HealthChip';
import { durationSince, formatTime, plural } from '../common/labels';
import { isTroubled } from './platform';

/** Pods listed per component; a DaemonSet's hundred healthy pods would drown the broken one. */
const MAX_PODS = 5;

const useStyles = makeStyles(theme => ({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  section: { marginTop: theme.spacing(1.5) },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  pod: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  podName: { fontFamily: 'monospace', wordBreak: 'break-all' },
  reasonChip: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  events: { marginTop: theme.spacing(1.5), boxShadow: 'none' },
  eventsSummary: { padding: 0, minHeight: 0 },
  eventsDetails: { padding: 0, display: 'block' },
}));

/** "Degraded for 3 hours", with the exact time on hover. */
export const HealthSince = (props: {
  component: Pick<ReadinessPlatformComponent, 'health' | 'since'>;
}) => {
  const { health, since } = props.component;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      component="span"
      title={`Since ${formatTime(since)}`}
    >
      {health} for {durationSince(since)}
    </Typography>
  );
};

/** Shown when a component changed health more often than a stable one would. */
export const FlappingHint = (props: { changes: number; days: number }) => (
  <Chip
    size="small"
    variant="outlined"
    icon={<SwapVertIcon />}
    label={`Flapping: ${plural(props.changes, 'health change')} in ${
      props.days
    } days`}
    title="Its health keeps changing between scans: look at restarts, probes and resource limits rather than at the last state alone."
  />
);

/**
 * What an operator checks for a component: why it is not healthy, its workloads' ready
 * replicas, its pods with restarts and reasons, and its last warning events (collapsed).
 */
export const ComponentDetails = (props: {
  component: ReadinessPlatformComponent;
}) => {
  const { component } = props;
  const classes = useStyles();
  const pods = [...component.pods].sort(
    (a, b) => Number(isTroubled(b)) - Number(isTroubled(a)),
  );
  const shownPods = pods.slice(0, MAX_PODS);
  return (
    <Box>
      {component.reasons.length > 0 && (
        <ul
          className={classes.list}
          aria-label={`Why ${component.title} is ${component.health}`}
        >
          {component.reasons.map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </ul>
      )}
      {component.workloads.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Workloads</Typography>
          <ul className={classes.list}>
            {component.workloads.map(w => (
              <li key={`${w.kind}/${w.name}`}>
                <Typography variant="body2">
                  {w.kind} {w.name}: {w.ready}/{w.desired} ready
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {pods.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Pods</Typography>
          <ul
            className={classes.list}
            aria-label={`Pods of ${component.title}`}
          >
            {shownPods.map(pod => (
              <li key={pod.name}>
                <div className={classes.pod}>
                  <Typography variant="body2" className={classes.podName}>
                    {pod.name}
                  </Typography>
                  {pod.reason && (
                    <Chip
                      size="small"
                      label={pod.reason}
                      className={classes.reasonChip}
                    />
                  )}
                </div>
                <Typography variant="caption" color="textSecondary">
                  {pod.phase} · {pod.ready ? 'ready' : 'not ready'} ·{' '}
                  {plural(pod.restarts, 'restart')}
                </Typography>
              </li>
            ))}
          </ul>
          {pods.length > MAX_PODS && (
            <Typography variant="caption" color="textSecondary">
              and {plural(pods.length - MAX_PODS, 'more pod')}
            </Typography>
          )}
        </Box>
      )}
      {component.warnings.length > 0 && (
        <Accordion
          className={classes.events}
          TransitionProps={{ unmountOnExit: true }}
        >
          <AccordionSummary
            className={classes.eventsSummary}
            expandIcon={<ExpandMoreIcon />}
          >
            <Typography variant="subtitle2">
              Warning events ({component.warnings.length})
            </Typography>
          </AccordionSummary>
          <AccordionDetails className={classes.eventsDetails}>
            <ul className={classes.list}>
              {component.warnings.map((event, i) => (
                <li key={`${event.object}-${event.reason}-${i}`}>
                  <Typography variant="body2">
                    <strong>{event.reason}</strong> {event.object}:{' '}
                    {event.message}
                  </Typography>
                  {event.lastSeen && (
                    <Typography variant="caption" color="textSecondary">
                      {durationSince(event.lastSeen)} ago
                    </Typography>
                  )}
                </li>
              ))}
            </ul>
          </AccordionDetails>
        </Accordion>
      )}
    </Box>
  );
};

/** One expected component on the platform board. */
export const ComponentCard = (props: {
  component: ReadinessPlatformComponent;
  /** Health changes in the history, when above the flapping threshold. */
  flapping?: number;
  days: number;
}) => {
  const { component, flapping, days } = props;
  const classes = useStyles();
  const subheader = [
    component.title !== component.name ? component.name : undefined,
    component.namespace ? `namespace ${component.namespace}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card
      component="article"
      aria-label={component.title}
      className={classes.card}
      variant="outlined"
    >
      <CardHeader
        title={component.title}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader={subheader || undefined}
        action={<HealthChip health={component.health} />}
      />
      <CardContent style={{ paddingTop: 0 }}>
        <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
          <HealthSince component={component} />
          {flapping !== undefined && (
            <FlappingHint changes={flapping} days={days} />
          )}
        </Box>
        <Box className={classes.section}>
          <ComponentDetails component={component} />
        </Box>
        {component.entityRef && (
          <Typography variant="body2" className={classes.section}>
            Catalog:{' '}
            <EntityRefLink entityRef={component.entityRef}>
              {component.entityRef}
            </EntityRefLink>
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

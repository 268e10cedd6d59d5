import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Button,
  Grid,
  TextField,
  Typography,
  useTheme,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api/ReadinessApi';
import type {
  ComponentHealth,
  ReadinessCluster,
  ReadinessPlatformResponse,
  TrendWindow,
} from '../../api/types';
import { LoadError } from '../common/LoadError';
import { durationSince, formatTime } from '../common/labels';
import { scoreColor } from '../common/ScoreBadge';
import { TrendCard } from '../common/TrendCard';
import { ComponentCard } from './ComponentCard';
import {
  FLAPPING_CHANGES,
  healthChanges,
  HEALTHS,
  matchesSearch,
  sortForBoard,
} from './platform';
import { PlatformNotConfigured, WaitingForFirstScan } from './PlatformStates';
import {
  ClusterPicker,
  ClusterViewProps,
  firstScannedCluster,
} from '../ReadinessPage/ClusterPicker';

/** The cluster the board shows when the address names none (or one that is not configured). */
export function platformCluster(
  clusters: ReadinessCluster[],
  wanted: string | null,
): string {
  if (wanted && clusters.some(c => c.name === wanted)) return wanted;
  return firstScannedCluster(clusters);
}

/** The percentage with healthy ÷ expected and how many components are in each health. */
const ReadinessPercent = (props: { board: ReadinessPlatformResponse }) => {
  const theme = useTheme();
  const { board } = props;
  const expected = board.components.length;
  const count = (health: ComponentHealth) =>
    board.components.filter(c => c.health === health).length;
  const healthy = count('Healthy');
  const percent =
    board.readyPercent ??
    (expected ? Math.round((healthy / expected) * 100) : 100);
  return (
    <InfoCard title="Platform readiness" variant="gridItem">
      <Typography
        variant="h2"
        component="p"
        aria-label={`Platform readiness ${percent}%`}
        style={{ color: scoreColor(theme, percent), fontWeight: 700 }}
      >
        {percent}%
      </Typography>
      <Typography variant="body1">
        {healthy} of {expected} components healthy
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {HEALTHS.map(h => `${count(h)} ${h.toLocaleLowerCase('en-US')}`).join(
          ' · ',
        )}
      </Typography>
      {board.lastScanAt && (
        <Typography
          variant="caption"
          color="textSecondary"
          title={formatTime(board.lastScanAt)}
        >
          Last scan {durationSince(board.lastScanAt)} ago
        </Typography>
      )}
    </InfoCard>
  );
};

/** The board once components have been scanned: percentage, trend, filters and the grid. */
const PlatformBoard = (props: {
  board: ReadinessPlatformResponse;
  days: TrendWindow;
  onDaysChange: (days: TrendWindow) => void;
  loading: boolean;
}) => {
  const { board, days, onDaysChange, loading } = props;
  const [health, setHealth] = useState<ComponentHealth | ''>('');
  const [search, setSearch] = useState('');
  const flapping = useMemo(
    () =>
      new Map(
        board.components.map(c => [
          c.name,
          healthChanges(c.name, board.history),
        ]),
      ),
    [board],
  );
  const shown = sortForBoard(
    board.components.filter(
      c => (!health || c.health === health) && matchesSearch(c, search),
    ),
  );
  const points = board.history.map(p => ({
    day: p.at,
    score: p.readyPercent,
  }));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <ReadinessPercent board={board} />
      </Grid>
      <Grid item xs={12} md={8}>
        <TrendCard
          days={days}
          onDaysChange={onDaysChange}
          points={points}
          loading={loading}
        />
      </Grid>
      <Grid item xs={12}>
        <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
          <TextField
            select
            id="platform-health"
            label="Health"
            value={health}
            onChange={e => setHealth(e.target.value as ComponentHealth | '')}
            SelectProps={{ native: true }}
            // A native select always shows a value, so its label must stay shrunk above it.
            InputLabelProps={{ shrink: true }}
            variant="outlined"
            size="small"
            style={{ minWidth: 160 }}
          >
            <option value="">Any health</option>
            {HEALTHS.map(h => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </TextField>
          <TextField
            id="platform-search"
            label="Search components"
            value={search}
            onChange={e => setSearch(e.target.value)}
            variant="outlined"
            size="small"
            placeholder="name, namespace, pod, reason"
            style={{ minWidth: 260 }}
          />
          <Typography variant="body2" color="textSecondary" role="status">
            {shown.length === board.components.length
              ? `${board.components.length} components`
              : `${shown.length} of ${board.components.length} components`}
          </Typography>
        </Box>
      </Grid>
      <Grid item xs={12}>
        {shown.length === 0 ? (
          <Typography color="textSecondary">
            No component matches these filters.
          </Typography>
        ) : (
          <Grid container spacing={2} role="list" aria-label="Components">
            {shown.map(component => {
              const changes = flapping.get(component.name) ?? 0;
              return (
                <Grid
                  item
                  xs={12}
                  md={6}
                  lg={4}
                  key={component.name}
                  role="listitem"
                >
                  <ComponentCard
                    component={component}
                    days={board.days}
                    flapping={changes > FLAPPING_CHANGES ? changes : undefined}
                  />
                </Grid>
              );
            })}
          </Grid>
        )}
      </Grid>
    </Grid>
  );
};

/**
 * The readiness page's Platform view: are the platform's own components (cert-manager, the
 * ingress controller, Argo CD...) deployed and healthy on one cluster, and since when.
 */
export const PlatformView = (props: ClusterViewProps) => {
  const { clusters, cluster, onClusterChange } = props;
  const api = useApi(readinessApiRef);
  const [days, setDays] = useState<TrendWindow>(30);
  const board = useAsyncRetry(
    async () => ({ cluster, board: await api.getPlatform(cluster, { days }) }),
    [api, cluster, days],
  );
  const title =
    clusters.find(c => c.name === cluster)?.title || cluster || 'this cluster';
  // A new cluster replaces the board; a new trend window only reloads the trend.
  const current =
    board.value?.cluster === cluster && !board.error
      ? board.value.board
      : undefined;

  let body: JSX.Element;
  if (board.error) {
    body = (
      <LoadError
        what="the platform board"
        error={board.error}
        retry={board.retry}
      />
    );
  } else if (!current) {
    body = <Progress />;
  } else if (!current.configured) {
    body = <PlatformNotConfigured cluster={cluster} />;
  } else if (current.components.length === 0) {
    body = (
      <WaitingForFirstScan
        cluster={title}
        action={
          <Button variant="outlined" onClick={board.retry}>
            Check again
          </Button>
        }
      />
    );
  } else {
    body = (
      <PlatformBoard
        board={current}
        days={days}
        onDaysChange={setDays}
        loading={board.loading}
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ClusterPicker
          clusters={clusters}
          value={cluster}
          onChange={onClusterChange}
          allClusters={false}
        />
      </Grid>
      <Grid item xs={12}>
        {body}
      </Grid>
    </Grid>
  );
};

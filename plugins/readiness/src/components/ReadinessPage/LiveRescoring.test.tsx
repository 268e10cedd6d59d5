import { screen, within } from '@testing-library/react';
import type { LiveRescoringStatus } from '@hatchway/plugin-readiness-common';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import * as fixtures from '../../__testUtils__/fixtures';
import {
  renderReadinessPage,
  user,
} from '../../__testUtils__/renderReadinessPage';
import { formatTime } from '../common/labels';

const WATCH_FAILED =
  'Watching Deployment failed 5 times in a row (Internal Server Error); scores change at scheduled scans until the watch recovers.';

/** The fake backend with each cluster's live re-scoring state as `GET /clusters` reports it. */
function backendWith(live: Record<string, LiveRescoringStatus | undefined>) {
  const api = new FakeReadinessApi();
  api.clusters = fixtures.clusters.map(c => ({
    ...c,
    liveRescoring: live[c.name],
  }));
  return api;
}

const degraded: LiveRescoringStatus = {
  state: 'degraded',
  message: WATCH_FAILED,
  since: '2030-05-01T10:05:00Z',
};

/**
 * Waits for the Workloads view's findings. The first full render in a test file loads the
 * page's modules and tables: seconds more than the usual 5 s on a busy machine.
 */
const workloadsShown = () =>
  screen.findByText('Findings (3)', undefined, { timeout: 20_000 });

const warningFor = (title: string) =>
  screen.queryByRole('alert', {
    name: `Live re-scoring of ${title} is degraded`,
  });

describe('live re-scoring on the readiness page', () => {
  jest.setTimeout(60_000);

  it('warns that a degraded cluster updates only at scheduled scans, with the last scan and the reason', async () => {
    const api = backendWith({ prod: degraded });
    await renderReadinessPage(api, '/readiness');
    await workloadsShown();

    const warning = warningFor('Production')!;
    expect(warning).toBeVisible();
    expect(warning).toHaveTextContent(
      'Live re-scoring of Production is not working',
    );
    expect(warning).toHaveTextContent(
      `Scores of Production update only at the scheduled scan (last scan ${formatTime(
        fixtures.scan().finishedAt,
      )})`,
    );
    expect(within(warning).getByText(WATCH_FAILED)).toBeVisible();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
  });

  it('shows "Live" with the last live update for a healthy cluster, and no warning', async () => {
    const lastUpdateAt = new Date(Date.now() - 2 * 60_000).toISOString();
    const api = backendWith({
      prod: { state: 'active', since: '2030-05-01T10:00:00Z', lastUpdateAt },
    });
    await renderReadinessPage(api, '/readiness');
    await workloadsShown();

    const live = screen.getByRole('status', {
      name: 'Live re-scoring of Production',
    });
    expect(within(live).getByText('Live')).toBeVisible();
    expect(live).toHaveTextContent('Last live update 2 minutes ago');
    expect(warningFor('Production')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/update only at the scheduled scan/),
    ).not.toBeInTheDocument();
  });

  it('follows the picked cluster, and with all clusters warns of each degraded one', async () => {
    const api = backendWith({
      prod: { state: 'active', since: '2030-05-01T10:00:00Z' },
      staging: {
        state: 'degraded',
        message:
          'No backend instance is watching this cluster; scores change at scheduled scans.',
      },
    });
    await renderReadinessPage(api, '/readiness');
    await workloadsShown();
    expect(screen.getByText('Live')).toBeVisible();
    expect(warningFor('Staging')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Cluster'), 'staging');
    const warning = warningFor('Staging')!;
    expect(warning).toHaveTextContent(
      'Scores of Staging update only at the scheduled scan.',
    );
    expect(warning).toHaveTextContent('No backend instance is watching');
    expect(screen.queryByText('Live')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Cluster'), '');
    expect(warningFor('Staging')).toBeVisible();
    expect(warningFor('Production')).not.toBeInTheDocument();
  });

  it('shows the warning on the Platform and Pod Security views too', async () => {
    const api = backendWith({ prod: degraded });
    await renderReadinessPage(api, '/readiness?view=platform&cluster=prod');
    expect(await screen.findByText('33%')).toBeInTheDocument();
    expect(warningFor('Production')).toBeVisible();
    // The Platform view shows one cluster at a time.
    expect(
      screen.queryByRole('option', { name: 'All clusters' }),
    ).not.toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Pod Security' }));
    expect(await screen.findByText('legacy')).toBeInTheDocument();
    expect(warningFor('Production')).toBeVisible();
  });

  it('notes quietly when live re-scoring is off, and says nothing for a backend without it', async () => {
    const api = backendWith({ prod: { state: 'disabled' } });
    await renderReadinessPage(api, '/readiness');
    await workloadsShown();
    expect(screen.getByText('Scores update at scheduled scans')).toBeVisible();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
    expect(warningFor('Production')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Cluster'), 'staging');
    expect(
      screen.queryByText('Scores update at scheduled scans'),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/re-scoring/)).not.toBeInTheDocument();
  });
});

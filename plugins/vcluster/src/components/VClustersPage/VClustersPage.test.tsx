import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcluster } from '../../__testUtils__/fixtures';
import {
  FakeVClusterApi,
  responseError,
} from '../../__testUtils__/FakeVClusterApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { VClustersPage } from './VClustersPage';

// Fast enough for a test, slow enough that the table is not re-rendered under every query.
const fast = { active: 300, idle: 60_000 };
const user = userEvent.setup({ delay: null });

function rowOf(name: string) {
  return screen.getByRole('link', { name }).closest('tr')!;
}

describe('VClustersPage', () => {
  it('lists each vCluster with its owner, phase, host cluster, size, age and TTL left', async () => {
    const api = new FakeVClusterApi([
      vcluster({ name: 'demo' }),
      vcluster({
        name: 'fresh',
        phase: 'Provisioning',
        reason: 'waiting for the control plane',
        owner: 'group:default/team-a',
      }),
      vcluster({
        name: 'broken',
        phase: 'Failed',
        reason: 'image pull back-off',
      }),
      vcluster({ name: 'idle', phase: 'Sleeping', size: 'medium' }),
    ]);
    await renderWithApis(<VClustersPage pollIntervals={fast} />, { api });

    expect(await screen.findByText('vClusters (4)')).toBeInTheDocument();
    const demo = within(rowOf('demo'));
    expect(demo.getByText('Ready')).toBeInTheDocument();
    expect(demo.getByText('user:default/guest')).toBeInTheDocument();
    expect(demo.getByText('emulator')).toBeInTheDocument();
    expect(demo.getByText('2h')).toBeInTheDocument();
    expect(demo.getByText(/^[56]h/)).toBeInTheDocument();

    const fresh = within(rowOf('fresh'));
    expect(fresh.getByText('Provisioning')).toBeInTheDocument();
    expect(
      fresh.getByText('waiting for the control plane'),
    ).toBeInTheDocument();
    expect(
      fresh.getByRole('progressbar', { name: 'fresh is Provisioning' }),
    ).toBeInTheDocument();
    expect(
      within(rowOf('broken')).getByText('image pull back-off'),
    ).toBeInTheDocument();
    expect(within(rowOf('idle')).getByText('Sleeping')).toBeInTheDocument();
    expect(
      within(rowOf('idle')).getByRole('button', { name: 'Wake idle' }),
    ).toBeEnabled();
    // Only a Ready vCluster has a kubeconfig to download.
    expect(
      within(rowOf('fresh')).getByRole('button', {
        name: 'Download kubeconfig of fresh',
      }),
    ).toBeDisabled();
  });

  it('moves a provisioning vCluster to Ready without a reload', async () => {
    const api = new FakeVClusterApi([
      vcluster({ name: 'fresh', phase: 'Provisioning' }),
    ]);
    await renderWithApis(<VClustersPage pollIntervals={fast} />, { api });
    await screen.findByText('Provisioning');

    api.clusters = [vcluster({ name: 'fresh', phase: 'Ready' })];
    await screen.findByText('Ready');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('invites the user to create the first vCluster', async () => {
    await renderWithApis(<VClustersPage />, { api: new FakeVClusterApi([]) });
    expect(
      await screen.findByText('No vClusters yet — create one'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create vCluster' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's error and retries on request", async () => {
    const api = new FakeVClusterApi([vcluster()]);
    api.list.mockRejectedValueOnce(
      await responseError(503, 'vCluster store unavailable'),
    );
    await renderWithApis(<VClustersPage />, { api });

    expect(
      await screen.findByText(
        /Could not load vClusters: vCluster store unavailable/,
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: 'demo' }),
    ).toBeInTheDocument();
  });

  it('shows a vCluster Sleeping soon after the user puts it to sleep', async () => {
    const api = new FakeVClusterApi([vcluster({ name: 'demo' })]);
    // Like the backend: 202 at once, the phase changes a moment later.
    api.sleep.mockImplementation(async () => {
      setTimeout(() => {
        api.clusters = [vcluster({ name: 'demo', phase: 'Sleeping' })];
      }, 200);
    });
    await renderWithApis(<VClustersPage pollIntervals={fast} />, { api });
    await user.click(await screen.findByRole('button', { name: 'Sleep demo' }));

    expect(api.sleep).toHaveBeenCalledWith('demo');
    expect(
      await screen.findByRole('button', { name: 'Wake demo' }),
    ).toBeEnabled();
    expect(screen.getByText('Sleeping')).toBeInTheDocument();
  });
});

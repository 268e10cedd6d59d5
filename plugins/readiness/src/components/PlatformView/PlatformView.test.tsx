import { screen, waitFor, within } from '@testing-library/react';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import * as fixtures from '../../__testUtils__/fixtures';
import {
  renderReadinessPage,
  user,
} from '../../__testUtils__/renderReadinessPage';

const render = (api: FakeReadinessApi, path = '/readiness?view=platform') =>
  renderReadinessPage(api, path);

const cards = () =>
  within(screen.getByRole('list', { name: 'Components' })).getAllByRole(
    'article',
  );
const card = (title: string) => screen.getByRole('article', { name: title });

describe('the Platform view of the readiness page', () => {
  it('shows progress while the board loads', async () => {
    const api = new FakeReadinessApi();
    api.getPlatform.mockReturnValue(new Promise(() => {}));
    await render(api);
    expect(await screen.findByLabelText('Cluster')).toHaveValue('prod');
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getPlatform).toHaveBeenCalledWith('prod', { days: 30 });
  });

  it('explains how to configure readiness.platform when nothing is expected on the cluster', async () => {
    const api = new FakeReadinessApi();
    api.platforms.clear();
    await render(api);
    expect(
      await screen.findByText('No platform components configured for prod'),
    ).toBeInTheDocument();
    expect(screen.getByText('readiness.platform')).toBeInTheDocument();
    const yaml = screen.getByLabelText('Example configuration');
    expect(yaml).toHaveTextContent(/readiness:\s+platform:\s+prod:/);
    expect(yaml).toHaveTextContent('- cert-manager');
    expect(
      screen.queryByRole('list', { name: 'Components' }),
    ).not.toBeInTheDocument();
  });

  it('waits for the first scan when components are configured but not scanned yet', async () => {
    const api = new FakeReadinessApi();
    api.platforms.set(
      'prod',
      fixtures.platform({
        components: [],
        history: [],
        readyPercent: undefined,
        lastScanAt: undefined,
      }),
    );
    await render(api);
    expect(
      await screen.findByText('Waiting for the first scan'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/configured for Production, but no scan/),
    ).toBeInTheDocument();

    api.platforms.set('prod', fixtures.platform());
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('33%')).toBeInTheDocument();
  });

  it("shows the backend's message when the board cannot be loaded, and retries", async () => {
    const api = new FakeReadinessApi();
    api.getPlatform.mockRejectedValueOnce(
      await backendError(404, {
        error: { name: 'NotFoundError', message: 'No cluster named prod' },
      }),
    );
    await render(api);
    expect(
      await screen.findByText(
        /Could not load the platform board: No cluster named prod \(HTTP 404\)/,
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('33%')).toBeInTheDocument();
  });

  it('shows the percentage, its trend and every component with status, reasons and pods', async () => {
    const api = new FakeReadinessApi();
    await render(api);

    expect(
      await screen.findByLabelText('Platform readiness 33%'),
    ).toHaveTextContent('33%');
    expect(screen.getByText('1 of 3 components healthy')).toBeInTheDocument();
    expect(
      screen.getByText('1 missing · 1 degraded · 1 healthy'),
    ).toBeInTheDocument();
    expect(screen.getByText('Last scan 5 minutes ago')).toBeInTheDocument();
    // The trend runs from 2 of 3 healthy to 1 of 3.
    expect(
      screen.getByRole('img', { name: /trend from 67 on .* to 33 on / }),
    ).toBeInTheDocument();

    // Worst first: missing, degraded, healthy.
    expect(cards().map(c => c.getAttribute('aria-label'))).toEqual([
      'Argo CD',
      'Ingress controller (ingress-nginx)',
      'cert-manager',
    ]);

    const ingress = card('Ingress controller (ingress-nginx)');
    expect(within(ingress).getByText('Degraded')).toBeInTheDocument();
    expect(
      within(ingress).getByText('Degraded for 2 hours'),
    ).toBeInTheDocument();
    const reasons = within(ingress).getByRole('list', {
      name: 'Why Ingress controller (ingress-nginx) is Degraded',
    });
    expect(within(reasons).getAllByRole('listitem')).toHaveLength(2);
    expect(reasons).toHaveTextContent('0 of 2 replicas ready');
    expect(
      within(ingress).getByText(
        'Deployment ingress-nginx-controller: 0/2 ready',
      ),
    ).toBeInTheDocument();
    const pods = within(ingress).getByRole('list', {
      name: 'Pods of Ingress controller (ingress-nginx)',
    });
    const [crashing, pulling] = within(pods).getAllByRole('listitem');
    expect(crashing).toHaveTextContent('ingress-nginx-controller-5c8d-xyz12');
    expect(crashing).toHaveTextContent('CrashLoopBackOff');
    expect(crashing).toHaveTextContent('Running · not ready · 7 restarts');
    expect(pulling).toHaveTextContent('ImagePullBackOff');
    // It went Healthy → Degraded → Healthy → Degraded in the last 30 days.
    expect(
      within(ingress).getByText('Flapping: 3 health changes in 30 days'),
    ).toBeInTheDocument();

    // Warning events stay collapsed until asked for.
    expect(
      within(ingress).queryByText(/Back-off restarting failed container/),
    ).not.toBeInTheDocument();
    await user.click(
      within(ingress).getByRole('button', { name: /Warning events \(1\)/ }),
    );
    expect(
      await within(ingress).findByText(/Back-off restarting failed container/),
    ).toBeInTheDocument();
    expect(within(ingress).getByText('3 minutes ago')).toBeInTheDocument();

    const missing = card('Argo CD');
    expect(within(missing).getByText('Missing')).toBeInTheDocument();
    expect(
      within(missing).getByText('No workload found in namespace argocd'),
    ).toBeInTheDocument();
    expect(within(missing).getByText('Missing for 3 days')).toBeInTheDocument();
    expect(within(missing).queryByText(/Flapping/)).not.toBeInTheDocument();

    const certManager = card('cert-manager');
    expect(within(certManager).getByText('Healthy')).toBeInTheDocument();
    expect(
      within(certManager).getByText('Healthy for 11 days'),
    ).toBeInTheDocument();
    expect(
      within(certManager).queryByRole('list', { name: /Why/ }),
    ).not.toBeInTheDocument();
    expect(
      within(certManager).getByRole('link', {
        name: /component:platform\/cert-manager/,
      }),
    ).toHaveAttribute('href', '/catalog/platform/component/cert-manager');
  });

  it('narrows the grid by health and by search', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await screen.findByText('33%');
    expect(cards()).toHaveLength(3);

    await user.selectOptions(screen.getByLabelText('Health'), 'Degraded');
    expect(cards()).toHaveLength(1);
    expect(card('Ingress controller (ingress-nginx)')).toBeInTheDocument();
    expect(screen.getByText('1 of 3 components')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Health'), 'Healthy');
    expect(cards().map(c => c.getAttribute('aria-label'))).toEqual([
      'cert-manager',
    ]);

    await user.selectOptions(screen.getByLabelText('Health'), '');
    // A search matches pod reasons too.
    await user.type(
      screen.getByLabelText('Search components'),
      'imagepullbackoff',
    );
    expect(cards().map(c => c.getAttribute('aria-label'))).toEqual([
      'Ingress controller (ingress-nginx)',
    ]);
    await user.type(screen.getByLabelText('Search components'), 'nothing');
    expect(
      screen.queryByRole('list', { name: 'Components' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('No component matches these filters.'),
    ).toBeInTheDocument();
  });

  it('asks for the 90-day history when switched', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await screen.findByText('33%');
    await user.click(screen.getByRole('button', { name: '90 days' }));
    await waitFor(() =>
      expect(api.getPlatform).toHaveBeenLastCalledWith('prod', { days: 90 }),
    );
    expect(await screen.findByText('33%')).toBeInTheDocument();
  });

  it('shows the cluster the address names and keeps a new pick in the address', async () => {
    const api = new FakeReadinessApi();
    await render(api, '/readiness?view=platform&cluster=staging');
    expect(
      await screen.findByText('No platform components configured for staging'),
    ).toBeInTheDocument();
    expect(api.getPlatform).toHaveBeenCalledWith('staging', { days: 30 });

    await user.selectOptions(screen.getByLabelText('Cluster'), 'prod');
    expect(await screen.findByText('33%')).toBeInTheDocument();
    expect(screen.getByLabelText('Address')).toHaveTextContent(
      '?view=platform&cluster=prod',
    );
  });
});

describe("the readiness page's view switch", () => {
  it('opens on the workload view and switches to Platform and back, keeping the cluster', async () => {
    const api = new FakeReadinessApi();
    await render(api, '/readiness');
    expect(await screen.findByText('Findings (3)')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Workloads' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(api.getPlatform).not.toHaveBeenCalled();

    await user.selectOptions(screen.getByLabelText('Cluster'), 'staging');
    await user.click(screen.getByRole('tab', { name: 'Platform' }));
    expect(
      await screen.findByText('No platform components configured for staging'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Platform' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByLabelText('Address')).toHaveTextContent(
      '?cluster=staging&view=platform',
    );

    await user.selectOptions(screen.getByLabelText('Cluster'), 'prod');
    expect(await screen.findByText('33%')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Workloads' }));
    expect(await screen.findByText('Findings (3)')).toBeInTheDocument();
    expect(screen.getByLabelText('Cluster')).toHaveValue('prod');
  });

  it('opens the Platform view from a link', async () => {
    const api = new FakeReadinessApi();
    await render(api, '/readiness?view=platform&cluster=prod');
    expect(await screen.findByText('33%')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Platform' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.queryByText(/Findings \(/)).not.toBeInTheDocument();
  });
});

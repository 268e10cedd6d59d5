import { screen, waitFor, within } from '@testing-library/react';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import {
  renderReadinessPage,
  user,
} from '../../__testUtils__/renderReadinessPage';

const render = (api: FakeReadinessApi, path = '/readiness?view=pod-security') =>
  renderReadinessPage(api, path);

/** The table row of a namespace. */
const row = (namespace: string) =>
  screen
    .getAllByRole('row')
    .find(r => within(r).queryByText(namespace, { exact: true }))!;

describe('the Pod Security view of the readiness page', () => {
  it('shows progress while the namespaces load', async () => {
    const api = new FakeReadinessApi();
    api.getPodSecurity.mockReturnValue(new Promise(() => {}));
    await render(api);
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Pod Security' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(api.getPodSecurity).toHaveBeenCalledWith({ cluster: 'prod' });
  });

  it('lists each namespace with its enforced and possible level and what the next level refuses', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    expect(
      await screen.findByText(
        'Namespaces (3) · 1 could enforce restricted today',
      ),
    ).toBeInTheDocument();

    const shop = row('shop');
    expect(within(shop).getByLabelText('Enforced: Privileged')).toBeVisible();
    expect(within(shop).getByLabelText('Possible: Restricted')).toBeVisible();
    expect(shop).toHaveTextContent('Could enforce restricted today');
    expect(shop).toHaveTextContent('0 at Baseline');

    const legacy = row('legacy');
    expect(within(legacy).getByLabelText('Possible: Privileged')).toBeVisible();
    expect(legacy).toHaveTextContent('group:default/team-a');
    expect(legacy).toHaveTextContent('Workloads need privileged');
    expect(
      within(legacy).getByRole('button', {
        name: '1 refused at baseline in legacy',
      }),
    ).toBeVisible();

    const payments = row('payments');
    expect(within(payments).getByLabelText('Enforced: Baseline')).toBeVisible();
    expect(payments).toHaveTextContent('Enforces all it can');
    expect(payments).toHaveTextContent('1 at Restricted');
    expect(payments).toHaveTextContent('2 workloads');
  });

  it('filters by owning team and shows every cluster with its name', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await screen.findByText('legacy');
    await user.selectOptions(
      screen.getByLabelText('Owning team'),
      'group:default/team-b',
    );
    expect(
      screen.getByText('Namespaces (1) · 0 could enforce restricted today'),
    ).toBeInTheDocument();
    expect(screen.queryByText('legacy')).not.toBeInTheDocument();
    expect(row('payments')).toBeDefined();
    // The export follows the filters.
    expect(screen.getByRole('link', { name: 'CSV' })).toHaveAttribute(
      'href',
      'http://backend.test/api/readiness/pod-security/export?format=csv&cluster=prod&owner=group%3Adefault%2Fteam-b',
    );

    await user.selectOptions(screen.getByLabelText('Owning team'), '');
    await user.selectOptions(screen.getByLabelText('Cluster'), '');
    await waitFor(() =>
      expect(api.getPodSecurity).toHaveBeenLastCalledWith({
        cluster: undefined,
      }),
    );
    const runners = await screen.findByText('runners');
    const runnersRow = runners.closest('tr')!;
    expect(runnersRow).toHaveTextContent('staging');
    expect(runnersRow).toHaveTextContent('Enforces the strictest level');
    expect(screen.getByLabelText('Address')).toHaveTextContent(
      'view=pod-security&cluster=',
    );
  });

  it('opens the refused workloads with their controls, and a workload opens its findings', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await user.click(
      await screen.findByRole('button', {
        name: '1 refused at baseline in legacy',
      }),
    );
    const details = await screen.findByRole('region', {
      name: 'Pod Security of legacy',
    });
    expect(
      within(details).getByText('Refused at Baseline (1)'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Refused at Restricted (1)'),
    ).toBeInTheDocument();
    const [atBaseline] = within(details).getAllByRole('group', {
      name: 'Refused workload Deployment legacy-web',
    });
    const controls = within(atBaseline).getByRole('table', {
      name: 'Controls Deployment legacy-web breaks',
    });
    expect(within(controls).getAllByRole('row')).toHaveLength(3);
    expect(controls).toHaveTextContent(
      'container "web" must not set securityContext.privileged=true',
    );
    expect(controls).toHaveTextContent('hostNamespaces');

    const findings = within(atBaseline).getByRole('link', {
      name: 'Findings of component:default/legacy-web',
    });
    expect(findings).toHaveAttribute(
      'href',
      '/readiness?view=workloads&cluster=prod&namespace=legacy&entity=component%3Adefault%2Flegacy-web',
    );
    await user.click(findings);
    expect(
      await screen.findByText('Entity: component:default/legacy-web'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Workloads' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await waitFor(() =>
      expect(api.getFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({
          cluster: 'prod',
          namespace: 'legacy',
          entity: 'component:default/legacy-web',
        }),
      ),
    );
  });

  it("links a workload no entity maps to its namespace's security findings", async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await user.click(await screen.findByText('payments'));
    const details = await screen.findByRole('region', {
      name: 'Pod Security of payments',
    });
    expect(within(details).queryByText(/Refused at Baseline/)).toBeNull();
    expect(details).toHaveTextContent('enforce=baseline@v1.30');
    expect(
      within(details).getByRole('link', {
        name: 'Security findings in payments',
      }),
    ).toHaveAttribute(
      'href',
      '/readiness?view=workloads&cluster=prod&namespace=payments&category=security',
    );
    await user.click(
      within(details).getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Pod Security of payments' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('says when no namespace has been scanned', async () => {
    const api = new FakeReadinessApi();
    api.podSecurity = [];
    await render(api);
    expect(
      await screen.findByText('No namespaces scanned yet'),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the view fails, and retries", async () => {
    const api = new FakeReadinessApi();
    api.getPodSecurity.mockRejectedValueOnce(
      await backendError(503, {
        error: { name: 'Error', message: 'database is down' },
        response: { statusCode: 503 },
      }),
    );
    await render(api);
    expect(
      await screen.findByText(
        /Could not load Pod Security: database is down \(HTTP 503\)/,
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('legacy')).toBeInTheDocument();
  });
});

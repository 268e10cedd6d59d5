import { screen, waitFor, within } from '@testing-library/react';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import * as fixtures from '../../__testUtils__/fixtures';
import {
  renderReadinessPage,
  user,
} from '../../__testUtils__/renderReadinessPage';

const render = (api: FakeReadinessApi, options: { path?: string } = {}) =>
  renderReadinessPage(api, options.path ?? '/readiness');

describe('ReadinessPage', () => {
  it('shows progress while the clusters load', async () => {
    const api = new FakeReadinessApi();
    api.getClusters.mockReturnValue(new Promise(() => {}));
    await render(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    const api = new FakeReadinessApi();
    api.clusters = [];
    await render(api);
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('says when no scan has finished yet, with the last scan error', async () => {
    const api = new FakeReadinessApi();
    api.clusters = [
      {
        name: 'prod',
        title: 'Production',
        lastScan: {
          id: 's',
          cluster: 'prod',
          status: 'failed',
          startedAt: '2030-01-01T00:00:00Z',
          error: 'Forbidden: pods',
          warnings: [],
        },
      },
    ];
    await render(api);
    expect(await screen.findByText('No scans yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /No scan of Production has finished yet.*Forbidden: pods/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when it fails", async () => {
    const api = new FakeReadinessApi();
    api.getClusters.mockRejectedValue(
      await backendError(503, { error: { message: 'database unavailable' } }),
    );
    await render(api);
    expect(
      await screen.findByText(
        /Could not load readiness: database unavailable \(HTTP 503\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the score, level, category bars and findings of the first scanned cluster', async () => {
    const api = new FakeReadinessApi();
    await render(api);

    expect(
      await screen.findByRole('img', { name: 'Readiness score 72 out of 100' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Silver')).toBeInTheDocument();
    expect(
      screen.getByText('2 danger · 1 warning failing'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Networking' }),
    ).toHaveAttribute('aria-valuenow', '40');
    expect(
      screen.getByRole('progressbar', { name: 'Security' }),
    ).toHaveAttribute('aria-valuenow', '80');
    // Efficiency, secrets and RBAC have no findings in this cluster.
    expect(screen.getAllByText('not checked')).toHaveLength(3);
    expect(
      screen.getByRole('img', {
        name: /Score trend from 65 on 2030-04-30 to 72 on 2030-05-01/,
      }),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalledWith(
      { cluster: 'prod' },
      { days: 30 },
    );

    // Failed findings by default; the exempted one is left out.
    expect(await screen.findByText('Findings (3)')).toBeInTheDocument();
    expect(
      screen.getByText('Container web may run as root'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No default-deny egress policy in payments'),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('Cluster')).toHaveValue('prod');
  });

  it('asks for the 90-day trend when switched', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await user.click(await screen.findByRole('button', { name: '90 days' }));
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith(
        { cluster: 'prod' },
        { days: 90 },
      ),
    );
  });

  it('shows the 90-day trend when switched, and keeps that window for other scopes', async () => {
    const api = new FakeReadinessApi();
    const summary = api.getSummary.getMockImplementation()!;
    api.getSummary.mockImplementation(async (scope, options) => ({
      ...(await summary(scope, options)),
      days: options?.days,
      trend:
        options?.days === 90
          ? [
              {
                day: '2030-02-01',
                score: 40,
                level: 'none',
                total: fixtures.emptyScore().total,
              },
              {
                day: '2030-05-01',
                score: 72,
                level: 'silver',
                total: fixtures.emptyScore().total,
              },
            ]
          : (await summary(scope, options)).trend,
    }));
    await render(api);
    await user.click(await screen.findByRole('button', { name: '90 days' }));
    expect(
      await screen.findByRole('img', {
        name: /Score trend from 40 on 2030-02-01 to 72 on 2030-05-01/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.type(screen.getByLabelText('Namespace'), 'payments');
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith(
        expect.objectContaining({ cluster: 'prod', namespace: 'payments' }),
        { days: 90 },
      ),
    );
  });

  it('leaves the trend out for a scope the backend keeps none for', async () => {
    const api = new FakeReadinessApi();
    const summary = api.getSummary.getMockImplementation()!;
    // An owning team within a namespace: the backend answers without `trend`.
    api.getSummary.mockImplementation(async (scope, options) => ({
      ...(await summary(scope, options)),
      trend: undefined,
    }));
    await render(api);
    expect(
      await screen.findByRole('img', { name: 'Readiness score 72 out of 100' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Trend')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: '90 days' }),
    ).not.toBeInTheDocument();
  });

  it('filters the findings by severity, namespace and owning team', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await screen.findByText('Findings (3)');

    await user.selectOptions(screen.getByLabelText('Severity'), 'danger');
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    expect(
      screen.queryByText('Container web has no liveness probe'),
    ).not.toBeInTheDocument();
    expect(api.getFindings).toHaveBeenLastCalledWith(
      expect.objectContaining({
        cluster: 'prod',
        severity: 'danger',
        status: 'failed',
        offset: 0,
      }),
    );

    await user.type(screen.getByLabelText('Namespace'), 'payments');
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(
      screen.getByText('Pods in payments can reach 169.254.169.254'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Container web may run as root'),
    ).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Severity'), '');
    await user.clear(screen.getByLabelText('Namespace'));
    await user.type(
      screen.getByLabelText('Owning team'),
      'group:default/team-a',
    );
    await waitFor(() =>
      expect(api.getFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: 'group:default/team-a',
          namespace: undefined,
        }),
      ),
    );
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenLastCalledWith(
      { cluster: 'prod', owner: 'group:default/team-a', namespace: undefined },
      { days: 30 },
    );

    await user.selectOptions(screen.getByLabelText('Check'), 'liveness-probe');
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(
      screen.getByText('Container web has no liveness probe'),
    ).toBeInTheDocument();
  });

  it('pages through many findings on the server', async () => {
    const api = new FakeReadinessApi();
    api.findings = Array.from({ length: 30 }, (_, i) => ({
      ...fixtures.findings[0],
      resource: { ...fixtures.findings[0].resource, name: `web-${i + 1}` },
      message: `Container ${i + 1} may run as root`,
    }));
    await render(api);
    expect(await screen.findByText('Findings (30)')).toBeInTheDocument();
    expect(
      screen.getByText('Container 25 may run as root'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Container 26 may run as root'),
    ).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByText('Container 26 may run as root'),
    ).toBeInTheDocument();
    expect(api.getFindings).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 25, offset: 25 }),
    );
  });

  it('opens a finding with its resource, failing fields and remediation', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await user.click(await screen.findByText('Container web may run as root'));

    const details = await screen.findByRole('region', {
      name: 'Finding details',
    });
    expect(
      within(details).getByText('Deployment shop/web-api'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(
        'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Fix containers run as non-root.'),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: /documentation/ }),
    ).toHaveAttribute('href', 'https://docs.example/checks/run-as-non-root');
  });

  it('offers exports of what it shows', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await screen.findByText('Findings (3)');
    for (const [label, format] of [
      ['CSV', 'csv'],
      ['JSON', 'json'],
      ['SARIF', 'sarif'],
      ['PolicyReport', 'policyreport'],
    ]) {
      expect(screen.getByRole('link', { name: label })).toHaveAttribute(
        'href',
        `http://backend.test/api/readiness/export?format=${format}&cluster=prod&status=failed`,
      );
    }
  });

  it('starts from the owner in the address, across all clusters', async () => {
    const api = new FakeReadinessApi();
    await render(api, { path: '/readiness?owner=group%3Adefault%2Fteam-b' });
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(screen.getByLabelText('Cluster')).toHaveValue('');
    expect(screen.getByLabelText('Owning team')).toHaveValue(
      'group:default/team-b',
    );
    expect(api.getSummary).toHaveBeenCalledWith(
      {
        cluster: undefined,
        namespace: undefined,
        owner: 'group:default/team-b',
      },
      { days: 30 },
    );
  });
});

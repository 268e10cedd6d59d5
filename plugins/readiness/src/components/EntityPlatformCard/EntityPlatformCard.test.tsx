import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import { readinessApiRef } from '../../api/ReadinessApi';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import { platform } from '../../__testUtils__/fixtures';
import { rootRouteRef } from '../../routes';
import { EntityPlatformCard } from './EntityPlatformCard';

const ingress: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ingress-nginx', namespace: 'platform' },
  spec: {
    type: 'service',
    owner: 'group:default/platform-team',
    lifecycle: 'production',
  },
};

function render(api: FakeReadinessApi) {
  return renderInTestApp(
    <EntityProvider entity={ingress}>
      <EntityPlatformCard />
    </EntityProvider>,
    {
      apis: [[readinessApiRef, api]],
      mountedRoutes: { '/readiness': rootRouteRef },
    },
  );
}

const [, degraded, missing] = platform().components;

describe('EntityPlatformCard', () => {
  it('shows the live status of each platform component the entity maps to, per cluster', async () => {
    const api = new FakeReadinessApi();
    api.entityPlatforms.set('component:platform/ingress-nginx', [
      { ...degraded, cluster: 'prod' },
      { ...missing, title: 'Ingress controller', cluster: 'staging' },
    ]);
    await render(api);

    expect(
      await screen.findByText('Platform component status'),
    ).toBeInTheDocument();
    expect(api.getEntityPlatform).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'platform',
      name: 'ingress-nginx',
    });

    const prod = screen.getByRole('region', {
      name: 'Ingress controller (ingress-nginx) on prod',
    });
    expect(within(prod).getByText('Degraded')).toBeInTheDocument();
    expect(
      within(prod).getByText('on prod, namespace ingress-nginx'),
    ).toBeInTheDocument();
    expect(within(prod).getByText('Degraded for 2 hours')).toBeInTheDocument();
    expect(
      within(prod).getByText(
        'Pod ingress-nginx-controller-5c8d-xyz12 is in CrashLoopBackOff',
      ),
    ).toBeInTheDocument();
    expect(
      within(prod).getByText('Deployment ingress-nginx-controller: 0/2 ready'),
    ).toBeInTheDocument();
    expect(within(prod).getByText('CrashLoopBackOff')).toBeInTheDocument();
    expect(
      within(prod).getByText('Running · not ready · 7 restarts'),
    ).toBeInTheDocument();
    expect(
      within(prod).getByRole('link', { name: 'Platform board of prod' }),
    ).toHaveAttribute('href', '/readiness?view=platform&cluster=prod');

    const staging = screen.getByRole('region', {
      name: 'Ingress controller on staging',
    });
    expect(within(staging).getByText('Missing')).toBeInTheDocument();
    expect(
      within(staging).getByText('No workload found in namespace argocd'),
    ).toBeInTheDocument();
  });

  it('renders nothing for an entity that maps to no platform component', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await waitFor(() => expect(api.getEntityPlatform).toHaveBeenCalled());
    // Once the (empty) answer has arrived, the card must still not appear.
    await act(async () => {
      await api.getEntityPlatform.mock.results[0].value;
    });
    expect(
      screen.queryByText('Platform component status'),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    const api = new FakeReadinessApi();
    api.getEntityPlatform.mockRejectedValue(
      await backendError(503, { error: { message: 'store offline' } }),
    );
    await render(api);
    expect(
      await screen.findByText(
        /Could not load the platform status: store offline \(HTTP 503\)/,
      ),
    ).toBeInTheDocument();
  });
});

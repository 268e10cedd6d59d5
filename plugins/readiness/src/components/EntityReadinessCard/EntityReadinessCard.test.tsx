import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { readinessApiRef } from '../../api/ReadinessApi';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import {
  emptyScore,
  entityReadiness,
  webApiEntity as webApi,
} from '../../__testUtils__/fixtures';
import { entityReadinessRouteRef } from '../../routes';
import { EntityReadinessCard } from './EntityReadinessCard';

function render(api: FakeReadinessApi) {
  return renderInTestApp(
    <EntityProvider entity={webApi}>
      <EntityReadinessCard />
    </EntityProvider>,
    {
      apis: [[readinessApiRef, api]],
      mountedRoutes: {
        '/catalog/default/component/web-api/readiness': entityReadinessRouteRef,
      },
    },
  );
}

describe('EntityReadinessCard', () => {
  it('shows the score badge, the level and the top failing checks, linking to the tab', async () => {
    const api = new FakeReadinessApi();
    api.entities.set('component:default/web-api', entityReadiness());
    await render(api);

    expect(
      await screen.findByRole('img', { name: 'Readiness score 58 out of 100' }),
    ).toHaveTextContent('58');
    expect(screen.getByText('No level')).toBeInTheDocument();
    expect(
      screen.getByText('1 danger · 1 warning failing'),
    ).toBeInTheDocument();
    const top = screen.getByRole('list', { name: 'Top failing checks' });
    const items = within(top).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Danger');
    expect(items[0]).toHaveTextContent('Containers run as non-root');
    expect(items[0]).toHaveTextContent('run-as-non-root · 2 failing');
    expect(items[1]).toHaveTextContent('Liveness probe configured');
    expect(
      screen.getByRole('link', { name: /View all findings/ }),
    ).toHaveAttribute('href', '/catalog/default/component/web-api/readiness');
    expect(api.getEntityReadiness).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'web-api' },
      { days: 30 },
    );
  });

  it('shows the level a passing entity reached and that every check passes', async () => {
    const api = new FakeReadinessApi();
    const gold = { ...emptyScore(), score: 100, level: 'gold' };
    gold.total.passed = 12;
    api.entities.set(
      'component:default/web-api',
      entityReadiness({ score: gold, topFailingChecks: [], findings: [] }),
    );
    await render(api);
    expect(await screen.findByText('Gold')).toBeInTheDocument();
    expect(screen.getByText('Every check passes.')).toBeInTheDocument();
  });

  it('shows the highest Pod Security level its workloads meet, and which keep it from restricted', async () => {
    const api = new FakeReadinessApi();
    api.entities.set(
      'component:default/web-api',
      entityReadiness({
        podSecurity: {
          highestAdmissibleLevel: 'baseline',
          workloadCount: 2,
          limitedBy: [
            {
              cluster: 'prod',
              namespace: 'shop',
              kind: 'Deployment',
              name: 'web-api',
              level: 'baseline',
            },
          ],
        },
      }),
    );
    await render(api);
    const standing = await screen.findByRole('group', { name: 'Pod Security' });
    expect(
      within(standing).getByLabelText('Highest admissible level: Baseline'),
    ).toBeVisible();
    expect(standing).toHaveTextContent(
      '1 of 2 below restricted: Deployment web-api',
    );
  });

  it('says when every workload meets restricted, and nothing when none runs pods', async () => {
    const api = new FakeReadinessApi();
    api.entities.set(
      'component:default/web-api',
      entityReadiness({
        podSecurity: {
          highestAdmissibleLevel: 'restricted',
          workloadCount: 1,
          limitedBy: [],
        },
      }),
    );
    const { unmount } = await render(api);
    expect(
      await screen.findByLabelText('Highest admissible level: Restricted'),
    ).toBeVisible();
    expect(screen.getByText('Its workload meets restricted')).toBeVisible();
    unmount();

    api.entities.set('component:default/web-api', entityReadiness());
    await render(api);
    await screen.findByText('Top failing checks');
    expect(
      screen.queryByRole('group', { name: 'Pod Security' }),
    ).not.toBeInTheDocument();
  });

  it('says so when nothing scanned maps to the entity', async () => {
    const api = new FakeReadinessApi();
    api.entities.set(
      'component:default/web-api',
      entityReadiness({
        score: emptyScore(),
        topFailingChecks: [],
        findings: [],
        trend: [],
      }),
    );
    await render(api);
    expect(
      await screen.findByText(
        /No scanned Kubernetes resource maps to this entity yet/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /Readiness score/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /View all findings/ }),
    ).not.toBeInTheDocument();
  });

  it('treats an entity the backend does not know like an unmapped one', async () => {
    await render(new FakeReadinessApi());
    expect(
      await screen.findByText(
        /No scanned Kubernetes resource maps to this entity yet/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    const api = new FakeReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await backendError(502, { error: { message: 'catalog unreachable' } }),
    );
    await render(api);
    expect(
      await screen.findByText(/catalog unreachable \(HTTP 502\)/),
    ).toBeInTheDocument();
  });
});

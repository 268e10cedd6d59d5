import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { readinessApiRef } from '../../api/ReadinessApi';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import { rootRouteRef } from '../../routes';
import { GroupReadinessCard } from './GroupReadinessCard';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

function render(api: FakeReadinessApi, name: string) {
  return renderInTestApp(
    <EntityProvider entity={group(name)}>
      <GroupReadinessCard />
    </EntityProvider>,
    {
      apis: [[readinessApiRef, api]],
      mountedRoutes: { '/readiness': rootRouteRef },
    },
  );
}

describe('GroupReadinessCard', () => {
  it("summarises what the team owns and links to the team's findings", async () => {
    const api = new FakeReadinessApi();
    await render(api, 'team-b');
    expect(
      await screen.findByRole('img', { name: 'Readiness score 72 out of 100' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Silver')).toBeInTheDocument();
    expect(
      screen.getByText('1 danger · 0 warning failing'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Networking' }),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalledWith({
      owner: 'group:default/team-b',
    });
    expect(
      screen.getByRole('link', { name: /View the team's findings/ }),
    ).toHaveAttribute('href', '/readiness?owner=group%3Adefault%2Fteam-b');
  });

  it('says so when the team owns nothing scanned', async () => {
    await render(new FakeReadinessApi(), 'team-z');
    expect(
      await screen.findByText(
        /No scanned Kubernetes resource belongs to this team yet/,
      ),
    ).toBeInTheDocument();
  });
});

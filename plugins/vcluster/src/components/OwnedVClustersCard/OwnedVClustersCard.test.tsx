import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { vcluster } from '../../__testUtils__/fixtures';
import { FakeVClusterApi } from '../../__testUtils__/FakeVClusterApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { OwnedVClustersCard } from './OwnedVClustersCard';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

function render(api: FakeVClusterApi, name: string) {
  return renderWithApis(
    <EntityProvider entity={group(name)}>
      <OwnedVClustersCard />
    </EntityProvider>,
    { api },
  );
}

describe('OwnedVClustersCard', () => {
  it("lists the vClusters the group owns, and only those, linked to each one's page", async () => {
    const api = new FakeVClusterApi([
      vcluster({
        name: 'team-sandbox',
        owner: 'group:default/team-a',
        phase: 'Provisioning',
      }),
      vcluster({ name: 'mine', owner: 'user:default/guest' }),
    ]);
    await render(api, 'team-a');

    const link = await screen.findByRole('link', { name: 'team-sandbox' });
    expect(link).toHaveAttribute('href', '/vclusters/team-sandbox');
    expect(screen.getByText('Provisioning')).toBeInTheDocument();
    expect(screen.queryByText('mine')).not.toBeInTheDocument();
    expect(api.list).toHaveBeenCalledWith(
      expect.objectContaining({ owner: 'group:default/team-a' }),
    );
  });

  it('says so when the group owns none', async () => {
    await render(
      new FakeVClusterApi([vcluster({ owner: 'user:default/guest' })]),
      'team-b',
    );
    expect(await screen.findByText('No vClusters owned')).toBeInTheDocument();
  });
});

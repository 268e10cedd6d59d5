import { screen } from '@testing-library/react';
import { vcluster } from '../../__testUtils__/fixtures';
import { FakeVClusterApi } from '../../__testUtils__/FakeVClusterApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { VClustersPage } from '../VClustersPage/VClustersPage';

// Its own file: usePermission caches decisions per permission for the whole module, so a
// denying policy cannot share a file with the allowing one.
describe('the vCluster actions of a user who may not delete or create', () => {
  it('disables Delete and hides Create, leaving what is allowed usable', async () => {
    const api = new FakeVClusterApi([vcluster({ name: 'demo' })]);
    await renderWithApis(<VClustersPage />, {
      api,
      permission: ({ permission }) =>
        permission.name === 'vcluster.cluster.delete' ||
        permission.name === 'vcluster.cluster.create'
          ? 'DENY'
          : 'ALLOW',
    });

    expect(
      await screen.findByRole('button', { name: 'Delete demo' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Sleep demo' })).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Download kubeconfig of demo' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Create vCluster' }),
    ).not.toBeInTheDocument();
  });
});

import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { vcluster } from '../../__testUtils__/fixtures';
import { FakeVClusterApi } from '../../__testUtils__/FakeVClusterApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { EntityVClusterContent } from './EntityVClusterContent';

const resource = (vclusterName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `vcluster-${vclusterName}`,
    namespace: 'default',
    annotations: { 'hatchway.dev/vcluster': vclusterName },
  },
  spec: { type: 'kubernetes-cluster', owner: 'user:default/guest' },
});

function render(api: FakeVClusterApi, name: string) {
  return renderWithApis(
    <EntityProvider entity={resource(name)}>
      <EntityVClusterContent />
    </EntityProvider>,
    { api },
  );
}

describe('EntityVClusterContent', () => {
  it('shows the annotated vCluster with its status, usage, actions and how to connect', async () => {
    await render(
      new FakeVClusterApi([vcluster({ name: 'demo', phase: 'Sleeping' })]),
      'demo',
    );
    expect(await screen.findByText('Sleeping')).toBeInTheDocument();
    expect(screen.getByText('512 MiB')).toBeInTheDocument();
    expect(screen.getByText('0.25 CPU')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Wake demo' })).toBeEnabled();
    // The snippet is highlighted (split across elements) by a lazily loaded highlighter.
    await waitFor(() =>
      expect(document.body).toHaveTextContent(
        'KUBECONFIG=demo.kubeconfig.yaml kubectl get ns',
      ),
    );
  });

  it('says when the vCluster no longer exists', async () => {
    await render(new FakeVClusterApi([]), 'gone');
    expect(await screen.findByText('No vCluster gone')).toBeInTheDocument();
  });
});

import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { VClusterClient } from '@hatchway/plugin-vcluster-common';
import { screen, waitFor } from '@testing-library/react';
import { vclusterApiRef } from './api/VClusterApi';
import { vcluster } from './__testUtils__/fixtures';
import { FakeVClusterApi } from './__testUtils__/FakeVClusterApi';
import vclusterPlugin from './index';

const entity = (
  kind: string,
  spec: Record<string, string> = {},
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
  spec,
});
const annotated = { 'hatchway.dev/vcluster': 'demo' };
const clusterType = { type: 'kubernetes-cluster' };

describe('vcluster plugin', () => {
  it('is the vcluster plugin', () => {
    expect(vclusterPlugin.pluginId).toBe('vcluster');
  });

  it("shows the vCluster tab only on a vCluster's catalog Resource", () => {
    const filter = createExtensionTester(
      vclusterPlugin.getExtension('entity-content:vcluster'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity('Resource', clusterType, annotated))).toBe(true);
    expect(filter(entity('Resource', clusterType))).toBe(false);
    expect(filter(entity('Resource', { type: 'database' }, annotated))).toBe(
      false,
    );
    expect(filter(entity('Component', clusterType, annotated))).toBe(false);
  });

  it('shows the owned vClusters card on User and Group pages only', () => {
    const filter = createExtensionTester(
      vclusterPlugin.getExtension('entity-card:vcluster/owned'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity('User'))).toBe(true);
    expect(filter(entity('Group'))).toBe(true);
    expect(filter(entity('Component'))).toBe(false);
  });

  it('provides the VClusterClient of vcluster-common built from the discovery and fetch APIs', () => {
    const factory = createExtensionTester(
      vclusterPlugin.getExtension('api:vcluster'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(factory.api.id).toBe(vclusterApiRef.id);
    const client = factory.factory({
      discoveryApi: mockApis.discovery(),
      fetchApi: mockApis.fetch(),
    });
    expect(client).toBeInstanceOf(VClusterClient);
  });

  it('mounts the list at /vclusters and each vCluster at /vclusters/:name', async () => {
    const api = new FakeVClusterApi([vcluster({ name: 'demo' })]);
    renderTestApp({
      extensions: [vclusterPlugin.getExtension('page:vcluster')],
      apis: [[vclusterApiRef, api], mockApis.permission()],
      initialRouteEntries: ['/vclusters/demo'],
    });
    expect(await screen.findByText('vCluster demo')).toBeInTheDocument();
    // The snippet is highlighted (split across elements) by a lazily loaded highlighter.
    await waitFor(() =>
      expect(document.body).toHaveTextContent(
        'KUBECONFIG=demo.kubeconfig.yaml kubectl get ns',
      ),
    );
    expect(await screen.findByText('vcluster-demo')).toBeInTheDocument();
  });
});

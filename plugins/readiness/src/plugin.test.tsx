import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { readinessApiRef } from './api/ReadinessApi';
import { ReadinessClient } from './api/ReadinessClient';
import { FakeReadinessApi } from './__testUtils__/FakeReadinessApi';
import readinessPlugin from './index';

const entity = (
  kind: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});
const kubernetesId = { 'backstage.io/kubernetes-id': 'x' };
const labelSelector = { 'backstage.io/kubernetes-label-selector': 'app=x' };

describe('readiness plugin', () => {
  it('is the readiness plugin', () => {
    expect(readinessPlugin.pluginId).toBe('readiness');
  });

  it.each([
    'entity-card:readiness/entity',
    'entity-content:readiness',
  ] as const)(
    '%s shows on annotated components, systems and resources only',
    id => {
      const extension = readinessPlugin.getExtension(id);
      const filter = createExtensionTester(extension).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      )!;
      expect(filter(entity('Component', kubernetesId))).toBe(true);
      expect(filter(entity('System', labelSelector))).toBe(true);
      expect(filter(entity('Resource', kubernetesId))).toBe(true);
      expect(filter(entity('Component'))).toBe(false);
      expect(filter(entity('API', kubernetesId))).toBe(false);
      expect(filter(entity('Group', kubernetesId))).toBe(false);
    },
  );

  it('offers the platform status card on components, systems and resources, annotated or not', () => {
    const extension = readinessPlugin.getExtension(
      'entity-card:readiness/platform',
    );
    const filter = createExtensionTester(extension).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    // Config can map a platform component to any of them (`entityRef`), annotations or not.
    expect(filter(entity('Component'))).toBe(true);
    expect(filter(entity('System', labelSelector))).toBe(true);
    expect(filter(entity('Resource'))).toBe(true);
    expect(filter(entity('API'))).toBe(false);
    expect(filter(entity('Group'))).toBe(false);
  });

  it('shows the team card on Group pages only', () => {
    const extension = readinessPlugin.getExtension(
      'entity-card:readiness/group',
    );
    const filter = createExtensionTester(extension).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entity('Group'))).toBe(true);
    expect(filter(entity('Component', kubernetesId))).toBe(false);
  });

  it('provides a ReadinessClient built from the discovery and fetch APIs', () => {
    const extension = readinessPlugin.getExtension('api:readiness');
    const factory = createExtensionTester(extension).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(readinessApiRef.id);
    const client = factory.factory({
      discoveryApi: mockApis.discovery(),
      fetchApi: mockApis.fetch(),
    });
    expect(client).toBeInstanceOf(ReadinessClient);
  });

  it('mounts the compliance page at /readiness', async () => {
    renderTestApp({
      extensions: [readinessPlugin.getExtension('page:readiness')],
      apis: [[readinessApiRef, new FakeReadinessApi()], mockApis.permission()],
      initialRouteEntries: ['/readiness'],
    });
    expect(
      await screen.findByText('Container web may run as root'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Readiness').length).toBeGreaterThan(0);
  });
});

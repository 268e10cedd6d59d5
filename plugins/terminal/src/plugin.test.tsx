import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { terminalApiRef } from './api/TerminalApi';
import { TerminalClient } from './api/TerminalClient';
import { FakeTerminalApi, session } from './__testUtils__/FakeTerminalApi';
import terminalPlugin from './index';

const resource = (type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'vcluster-team-a' },
  spec: { type },
});

describe('terminal plugin', () => {
  it('is the terminal plugin', () => {
    expect(terminalPlugin.pluginId).toBe('terminal');
  });

  it('offers the Shell tab on vClusters (kubernetes-cluster Resources) only', () => {
    const extension = terminalPlugin.getExtension(
      'entity-content:terminal/shell',
    );
    const tester = createExtensionTester(extension);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(resource('kubernetes-cluster'))).toBe(true);
    expect(filter(resource('database'))).toBe(false);
    expect(
      filter({ ...resource('kubernetes-cluster'), kind: 'Component' }),
    ).toBe(false);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Shell');
  });

  it('provides a TerminalClient built from the discovery and fetch APIs', () => {
    const extension = terminalPlugin.getExtension('api:terminal');
    const factory = createExtensionTester(extension).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(terminalApiRef.id);
    const client = factory.factory({
      discoveryApi: mockApis.discovery(),
      fetchApi: mockApis.fetch(),
    });
    expect(client).toBeInstanceOf(TerminalClient);
  });

  it('mounts the sessions page at /terminal with the title Terminal', async () => {
    const api = new FakeTerminalApi();
    api.sessions = [session({ id: 'a', profile: 'kubectl-shell' })];
    renderTestApp({
      extensions: [terminalPlugin.getExtension('page:terminal')],
      apis: [[terminalApiRef, api]],
      initialRouteEntries: ['/terminal'],
    });
    // The page's lazy chunk pulls in xterm.js: slow on a busy machine.
    expect(
      await screen.findByText('kubectl-shell', undefined, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Terminal').length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Open' })).toHaveAttribute(
      'href',
      '/terminal/sessions/a',
    );
  });

  it('shows a session at /terminal/sessions/:id, so a reload lands on it again', async () => {
    const api = new FakeTerminalApi();
    api.sessions = [
      session({ id: 'a', state: 'Ended', reason: 'Max lifetime reached' }),
    ];
    renderTestApp({
      extensions: [terminalPlugin.getExtension('page:terminal')],
      apis: [[terminalApiRef, api]],
      initialRouteEntries: ['/terminal/sessions/a'],
    });
    expect(
      await screen.findByText('Max lifetime reached', undefined, {
        timeout: 20_000,
      }),
    ).toBeInTheDocument();
    expect(api.getSession).toHaveBeenCalledWith('a');
  });
});

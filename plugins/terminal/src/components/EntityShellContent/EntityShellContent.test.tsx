import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { terminalApiRef } from '../../api/TerminalApi';
import { TerminalApiError } from '../../api/TerminalApiError';
import { FakeTerminalApi, session } from '../../__testUtils__/FakeTerminalApi';
import { EntityShellContent } from './EntityShellContent';

jest.mock('../SessionView/useXterm', () => ({
  useXterm: (container: HTMLElement | null) =>
    jest.requireActual('../../__testUtils__/fakeXterm').useFakeXterm(container),
}));

const user = userEvent.setup({ delay: null });

const vclusterEntity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'vcluster-team-a', annotations },
  spec: { type: 'kubernetes-cluster' },
});

function render(api: FakeTerminalApi, entity = vclusterEntity()) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityShellContent />
    </EntityProvider>,
    { apis: [[terminalApiRef, api]] },
  );
}

describe('EntityShellContent', () => {
  it('offers only the profiles that mount a vCluster and opens a shell in this one', async () => {
    const api = new FakeTerminalApi();
    await render(api);
    expect(
      await screen.findByText('Open a shell in vCluster team-a'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('radio', { name: /vCluster admin/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: /^Shell/ })).toBeNull();
    await user.click(screen.getByRole('radio', { name: /vCluster admin/ }));
    await user.click(screen.getByRole('button', { name: 'Open shell' }));
    expect(api.createSession).toHaveBeenCalledWith({
      profile: 'vcluster-admin',
      vcluster: 'team-a',
    });
    // The new session opens in the tab and waits there while it starts.
    expect(
      await screen.findByText('Starting your session'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('vcluster-admin · vCluster team-a'),
    ).toBeInTheDocument();
  });

  it('takes the vCluster name from the annotation when there is one', async () => {
    const api = new FakeTerminalApi();
    await render(api, vclusterEntity({ 'hatchway.dev/vcluster': 'payments' }));
    expect(
      await screen.findByText('Open a shell in vCluster payments'),
    ).toBeInTheDocument();
  });

  it('lists my open shells in this vCluster to go back to', async () => {
    const api = new FakeTerminalApi();
    api.sessions = [
      session({ id: 'mine', profile: 'vcluster-admin', vcluster: 'team-a' }),
      session({ id: 'other', profile: 'vcluster-admin', vcluster: 'team-b' }),
    ];
    await render(api);
    expect(
      await screen.findByText('Your open shells in team-a'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('vcluster-admin · Ready')).toHaveLength(1);
  });

  it('says when no profile can mount a vCluster', async () => {
    const api = new FakeTerminalApi();
    api.profiles = api.profiles.filter(p => !p.vcluster);
    await render(api);
    expect(
      await screen.findByText('No shell profile for vClusters'),
    ).toBeInTheDocument();
  });

  it('explains a refused start', async () => {
    const api = new FakeTerminalApi();
    api.createSession.mockRejectedValueOnce(
      new TerminalApiError({
        status: 400,
        message: 'profile shell cannot mount a vCluster',
      }),
    );
    await render(api);
    await user.click(
      await screen.findByRole('radio', { name: /vCluster admin/ }),
    );
    await user.click(screen.getByRole('button', { name: 'Open shell' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The request was refused: profile shell cannot mount a vCluster',
    );
  });
});

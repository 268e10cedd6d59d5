import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { terminalApiRef } from '../../api/TerminalApi';
import { TerminalApiError } from '../../api/TerminalApiError';
import { FakeTerminalApi, session } from '../../__testUtils__/FakeTerminalApi';
import { SessionsPage } from './SessionsPage';

const user = userEvent.setup({ delay: null });

function render(api: FakeTerminalApi) {
  return renderInTestApp(
    <Routes>
      <Route
        path="/"
        element={<SessionsPage sessionPath={id => `/sessions/${id}`} />}
      />
      <Route path="/sessions/:id" element={<p>Session view</p>} />
    </Routes>,
    { apis: [[terminalApiRef, api]] },
  );
}

/** Opens the New session dialog from the page's button and returns the dialog. */
async function openNewSessionDialog() {
  await user.click(
    (
      await screen.findAllByRole('button', { name: 'New session' })
    )[0],
  );
  return screen.findByRole('dialog', { name: 'New session' });
}

/** Picks the Shell profile in the dialog and asks to start the session. */
async function startShellSession(dialog: HTMLElement) {
  await user.click(await within(dialog).findByRole('radio', { name: /Shell/ }));
  await user.click(
    within(dialog).getByRole('button', { name: 'Start session' }),
  );
}

/** Starts a Shell session the backend refuses; returns the alert shown in the dialog. */
async function alertOfRefusedStart(refusal: TerminalApiError) {
  const api = new FakeTerminalApi();
  api.createSession.mockRejectedValueOnce(refusal);
  await render(api);
  const dialog = await openNewSessionDialog();
  await startShellSession(dialog);
  return within(dialog).findByRole('alert');
}

describe('SessionsPage', () => {
  it('lists my sessions with profile, state, activity and actions for the live ones', async () => {
    const api = new FakeTerminalApi();
    api.sessions = [
      session({ id: 'a', profile: 'shell', vcluster: 'team-a' }),
      session({
        id: 'b',
        profile: 'vcluster-admin',
        state: 'Ended',
        reason: 'idle timeout',
      }),
    ];
    await render(api);
    expect(await screen.findByText('My sessions (2)')).toBeInTheDocument();
    const [, live, ended] = screen.getAllByRole('row');
    expect(within(live).getByText('shell')).toBeInTheDocument();
    expect(within(live).getByText('vCluster team-a')).toBeInTheDocument();
    expect(within(live).getByText('Ready')).toBeInTheDocument();
    expect(within(live).getByText('5 minutes ago')).toBeInTheDocument();
    expect(
      within(live).getByText('1 minute ago · ends after 15 min idle'),
    ).toBeInTheDocument();
    expect(within(live).getByRole('link', { name: 'Open' })).toHaveAttribute(
      'href',
      '/sessions/a',
    );
    expect(within(ended).getByText('idle timeout')).toBeInTheDocument();
    expect(
      within(ended).queryByRole('link', { name: 'Open' }),
    ).not.toBeInTheDocument();
  });

  it('invites to start a session when there is none', async () => {
    await render(new FakeTerminalApi());
    expect(await screen.findByText('No sessions yet')).toBeInTheDocument();
  });

  it('shows why the sessions could not be loaded, and retries', async () => {
    const api = new FakeTerminalApi();
    api.listSessions.mockRejectedValueOnce(
      new TerminalApiError({ status: 500, message: 'database down' }),
    );
    await render(api);
    expect(
      await screen.findByText(
        'Error: Could not load your sessions: database down (HTTP 500)',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No sessions yet')).toBeInTheDocument();
  });

  it('starts a session of the chosen profile and opens it', async () => {
    const api = new FakeTerminalApi();
    await render(api);
    const dialog = await openNewSessionDialog();
    expect(
      await within(dialog).findByText('bash with kubectl, helm and jq'),
    ).toBeInTheDocument();
    // A vCluster profile needs a vCluster: it is offered on the vCluster's Shell tab instead.
    expect(
      within(dialog).queryByRole('radio', { name: /vCluster admin/ }),
    ).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: /Shell/ }));
    await user.click(
      within(dialog).getByRole('button', { name: 'Start session' }),
    );
    expect(api.createSession).toHaveBeenCalledWith({
      profile: 'shell',
    });
    expect(await screen.findByText('Session view')).toBeInTheDocument();
  });

  it('explains a refusal at the per-user cap and stays in the dialog', async () => {
    const alert = await alertOfRefusedStart(
      new TerminalApiError({
        status: 429,
        message: 'at most 3 sessions per user',
      }),
    );
    expect(alert).toHaveTextContent(
      'You have reached your limit of open sessions: end one you no longer need, then try again. (at most 3 sessions per user)',
    );
  });

  it('explains a full cluster with the time to wait', async () => {
    const alert = await alertOfRefusedStart(
      new TerminalApiError({
        status: 503,
        message: 'no capacity',
        retryAfterSeconds: 120,
      }),
    );
    expect(alert).toHaveTextContent('Try again in 2 minutes');
  });

  it('ends a session after confirmation with a DELETE and shows it ended', async () => {
    const api = new FakeTerminalApi();
    api.sessions = [session({ id: 'a' })];
    await render(api);
    await user.click(
      await screen.findByRole('button', { name: 'End session' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'End this session?',
    });
    expect(api.endSession).not.toHaveBeenCalled();
    await user.click(
      within(confirm).getByRole('button', { name: 'End session' }),
    );
    expect(api.endSession).toHaveBeenCalledWith('a');
    expect(await screen.findByText('Ended')).toBeInTheDocument();
  });
});

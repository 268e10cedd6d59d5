import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { terminalApiRef } from '../../api/TerminalApi';
import { FakeTerminalApi, session } from '../../__testUtils__/FakeTerminalApi';
import { fakeTerminals } from '../../__testUtils__/fakeXterm';
import { serverFrame, TestGateway } from '../../__testUtils__/TestGateway';
import { SessionView } from './SessionView';

jest.mock('./useXterm', () => ({
  useXterm: (container: HTMLElement | null) =>
    jest.requireActual('../../__testUtils__/fakeXterm').useFakeXterm(container),
}));

const user = userEvent.setup({ delay: null });

describe('SessionView', () => {
  let gateway: TestGateway;
  let api: FakeTerminalApi;

  beforeEach(async () => {
    gateway = await TestGateway.start();
    // Like ttyd behind the gateway: the title, then tmux's redraw of the screen.
    gateway.onConnection = c =>
      c.socket.once('message', () => {
        c.socket.send(serverFrame('1', 'bash (runner-7)'));
        c.socket.send(serverFrame('0', 'guest@runner:~$ '));
      });
    api = new FakeTerminalApi();
    api.createTicket.mockImplementation(async id => ({
      ticket: `ticket-for-${id}`,
      expiresAt: '',
      gatewayUrl: gateway.sessionUrl(id),
    }));
  });
  afterEach(() => gateway.close());

  const render = () =>
    renderInTestApp(<SessionView sessionId="s1" />, {
      apis: [[terminalApiRef, api]],
    });

  it('waits while the session starts, then connects with a ticket and shows the shell', async () => {
    const ready = session({ id: 's1' });
    api.getSession
      .mockResolvedValueOnce({
        ...ready,
        state: 'Starting',
        reason: 'Pulling the runner image',
      })
      .mockResolvedValue(ready);
    await render();
    expect(
      await screen.findByText('Starting your session'),
    ).toBeInTheDocument();
    expect(screen.getByText('Pulling the runner image')).toBeInTheDocument();
    expect(api.createTicket).not.toHaveBeenCalled();

    expect(
      await screen.findByText('guest@runner:~$', { exact: false }),
    ).toBeInTheDocument();
    expect(api.getSession).toHaveBeenCalledTimes(2);
    expect(JSON.parse(gateway.connections[0].frames[0])).toEqual({
      AuthToken: 'ticket-for-s1',
      columns: 100,
      rows: 30,
    });
    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Connected'));
    expect(status).toHaveTextContent('bash (runner-7)');
  });

  it('sends what the user types to the shell', async () => {
    api.sessions = [session({ id: 's1' })];
    await render();
    await screen.findByText('guest@runner:~$', { exact: false });
    fakeTerminals[fakeTerminals.length - 1].type('echo hi\r');
    await gateway.until(() =>
      gateway.connections[0].frames.includes('0echo hi\r'),
    );
    expect(gateway.connections[0].frames.slice(1)).toEqual(['0echo hi\r']);
  });

  it('says why the connection ended when the gateway refuses for good', async () => {
    api.sessions = [session({ id: 's1' })];
    gateway.onConnection = c =>
      c.socket.once('message', () => c.socket.close(4403));
    await render();
    const status = await screen.findByRole('status');
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'DisconnectedThis session belongs to someone else (4403)',
      ),
    );
    expect(
      within(status).queryByRole('button', { name: 'Reconnect' }),
    ).toBeNull();
  });

  it('shows the reconnect attempt after the connection drops', async () => {
    api.sessions = [session({ id: 's1' })];
    await render();
    await screen.findByText('guest@runner:~$', { exact: false });
    gateway.onConnection = () => undefined; // the next connection stays silent
    gateway.connections[0].socket.terminate();
    expect(
      await screen.findByText('Reconnecting (attempt 1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The connection was lost \(1006\)/),
    ).toBeInTheDocument();
    await gateway.until(() => gateway.connections[1]?.frames.length === 1);
    expect(JSON.parse(gateway.connections[1].frames[0]).AuthToken).toBe(
      'ticket-for-s1',
    );
    expect(api.createTicket).toHaveBeenCalledTimes(2);
  });

  it('ends the session after confirmation and says it ended', async () => {
    api.sessions = [session({ id: 's1' })];
    await render();
    await screen.findByText('guest@runner:~$', { exact: false });
    await user.click(screen.getByRole('button', { name: 'End session' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'End this session?',
    });
    await user.click(
      within(confirm).getByRole('button', { name: 'End session' }),
    );
    expect(api.endSession).toHaveBeenCalledWith('s1');
    expect(
      await screen.findByText('This session has ended'),
    ).toBeInTheDocument();
    expect(screen.getByText('Ended by you')).toBeInTheDocument();
  });

  it('says why an ended session ended, without connecting', async () => {
    api.sessions = [
      session({ id: 's1', state: 'Ended', reason: 'Idle for 15 minutes' }),
    ];
    await render();
    expect(
      await screen.findByText('This session has ended'),
    ).toBeInTheDocument();
    expect(screen.getByText('Idle for 15 minutes')).toBeInTheDocument();
    expect(api.createTicket).not.toHaveBeenCalled();
  });
});

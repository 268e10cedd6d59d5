import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { terminalApiRef } from '../../api/TerminalApi';
import { TerminalApiError } from '../../api/TerminalApiError';
import { FakeTerminalApi, session } from '../../__testUtils__/FakeTerminalApi';
import { SessionsPage } from '../SessionsPage/SessionsPage';

jest.mock('./useReplayTerminal', () => ({
  useReplayTerminal: (container: HTMLElement | null) =>
    jest
      .requireActual('../../__testUtils__/fakeXterm')
      .useFakeReplayTerminal(container),
}));

const user = userEvent.setup({ delay: null });

const CAST = [
  '{"version":2,"width":80,"height":24}',
  '[0.01,"o","$ "]',
  '[0.02,"i","ls\\r"]',
  '[0.03,"o","ls\\r\\n"]',
  '[0.05,"o","README.md  charts"]',
  '',
].join('\n');

function render(api: FakeTerminalApi) {
  return renderInTestApp(<SessionsPage sessionPath={id => `/s/${id}`} />, {
    apis: [[terminalApiRef, api]],
  });
}

function withSessions() {
  const api = new FakeTerminalApi();
  api.sessions = [
    session({ id: 'live-rec', profile: 'audited', recording: true }),
    session({ id: 'plain', recording: false }),
    session({ id: 'ended-rec', state: 'Ended', recording: true }),
  ];
  return api;
}

async function row(id: string) {
  await screen.findByText('My sessions (3)');
  const rows = screen.getAllByRole('row').slice(1);
  const index = withSessions().sessions.findIndex(s => s.id === id);
  return rows[index];
}

describe('Session recordings', () => {
  it('offers the recording of recorded sessions only, live or ended', async () => {
    await render(withSessions());
    for (const id of ['live-rec', 'ended-rec']) {
      const recorded = await row(id);
      expect(
        within(recorded).getByRole('button', { name: 'Play recording' }),
      ).toBeInTheDocument();
      expect(
        within(recorded).getByRole('button', { name: 'Download recording' }),
      ).toBeInTheDocument();
    }
    const plain = await row('plain');
    expect(
      within(plain).queryByRole('button', { name: /recording/ }),
    ).not.toBeInTheDocument();
  });

  it('downloads the cast through the API as <session>.cast', async () => {
    const api = withSessions();
    api.recordings['ended-rec'] = CAST;
    const saved: { name: string; href: string }[] = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:recording';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href });
      });
    try {
      await render(api);
      await user.click(
        within(await row('ended-rec')).getByRole('button', {
          name: 'Download recording',
        }),
      );
      expect(api.getRecording).toHaveBeenCalledWith('ended-rec');
      expect(saved).toEqual([
        { name: 'ended-rec.cast', href: 'blob:recording' },
      ]);
      expect(await blobs[0].text()).toBe(CAST);
      expect(blobs[0].type).toBe('application/x-asciicast');
    } finally {
      click.mockRestore();
    }
  });

  it('says there is no recording yet when the backend answers 404', async () => {
    await render(withSessions());
    await user.click(
      within(await row('live-rec')).getByRole('button', {
        name: 'Download recording',
      }),
    );
    expect(
      await within(await row('live-rec')).findByRole('alert'),
    ).toHaveTextContent(/^No recording yet/);
    await user.click(
      within(await row('live-rec')).getByRole('button', {
        name: 'Play recording',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Recording of session live-rec',
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /^No recording yet/,
    );
  });

  it("shows the backend's message when the recording cannot be loaded", async () => {
    const api = withSessions();
    api.getRecording.mockRejectedValueOnce(
      new TerminalApiError({ status: 500, message: 'store unavailable' }),
    );
    await render(api);
    await user.click(
      within(await row('ended-rec')).getByRole('button', {
        name: 'Play recording',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not load the recording: store unavailable (HTTP 500)',
    );
  });

  it("plays the cast's output in the dialog's terminal, and pauses", async () => {
    const api = withSessions();
    api.recordings['ended-rec'] = CAST;
    await render(api);
    await user.click(
      within(await row('ended-rec')).getByRole('button', {
        name: 'Play recording',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Recording of session ended-rec',
    });
    const screenEl = await within(dialog).findByTestId('recording-screen');
    // Output events only: the keystrokes ("i") are not what the terminal showed.
    await within(dialog).findByText('$ ls\r\nREADME.md  charts', {
      normalizer: text => text,
    });
    expect(screenEl.textContent).toBe('$ ls\r\nREADME.md  charts');
    expect(
      await within(dialog).findByRole('button', { name: 'Replay' }),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect(
      within(dialog).getByRole('button', { name: 'Pause' }),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

// Session recordings end to end, against the portal as scripts/start.sh runs it: a session of the
// local recorded profile (app-config.yaml), which the gateway records as asciicast v2 into the
// terminal store; then the sessions page plays the recording and downloads it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { openSignedInPage, PORTAL_URL } from './browser.mjs';
import { backendSession } from './terminalApi.mjs';
import {
  endSessionOnPage,
  eventually,
  screenText,
  startSessionOnPage,
  waitForScreen,
} from './terminalPage.mjs';

const PROFILE = 'recorded-shell';
// The gateway writes a batch of events every recording.flushMilliseconds (default 1000) and the
// rest when the session closes; a few intervals on a busy machine are plenty.
const RECORDING_TIMEOUT = 30_000;

let browser;
let page;

before(async () => {
  ({ browser, page } = await openSignedInPage());
});
after(async () => browser?.close());

/** Starts a session of the recorded profile and waits for its prompt; returns its id. */
function startRecordedSession() {
  return startSessionOnPage(page, PORTAL_URL, dialog =>
    dialog.getByRole('radio', { name: /^Shell \(recorded\)/ }),
  );
}

/** The newest session of the recorded profile on the sessions page (the list is newest first). */
function recordedSessionRow() {
  return page.getByRole('row').filter({ hasText: PROFILE }).first();
}

test('a recorded session: play its recording on the sessions page and download it', async () => {
  const sessionId = await startRecordedSession();
  const session = await backendSession(sessionId);
  assert.equal(session.profile, PROFILE);
  assert.equal(session.recording, true, 'the session is recorded');

  await page.locator('.xterm').click();
  await page.keyboard.type('echo recorded-$((6*7))');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^recorded-42\s*$/m);

  await endSessionOnPage(page);

  // The sessions page keeps ended sessions; a recorded one offers its recording.
  await page.goto(`${PORTAL_URL}/terminal`);
  const row = recordedSessionRow();
  await row.getByText('Ended', { exact: true }).waitFor({ timeout: 60_000 });

  // Play: the dialog loads what the gateway has stored so far and replays it (pauses capped at
  // 2 s). Until the last batch is stored it may say there is nothing yet: reopen, as a user would.
  const player = page.getByRole('dialog', {
    name: `Recording of session ${sessionId}`,
  });
  await eventually(
    'the player replaying recorded-42',
    async () => {
      if (!(await player.isVisible())) {
        await row.getByRole('button', { name: 'Play recording' }).click();
      }
      const alert = player.getByRole('alert');
      if (await alert.isVisible()) {
        const seen = await alert.innerText();
        await player.getByRole('button', { name: 'Close' }).click();
        await player.waitFor({ state: 'hidden' });
        return { seen };
      }
      const screen = player.getByTestId('recording-screen');
      const text = await screenText(screen);
      return /^recorded-42\s*$/m.test(text) ? { value: text } : { seen: text };
    },
    RECORDING_TIMEOUT,
  );
  await player.getByRole('button', { name: 'Close' }).click();
  await player.waitFor({ state: 'hidden' });

  // Download: the browser saves `<session>.cast`, the asciicast v2 file the player read.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    row.getByRole('button', { name: 'Download recording' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${sessionId}.cast`);
  const cast = fs.readFileSync(await download.path(), 'utf8');
  const [headerLine, ...eventLines] = cast.trimEnd().split('\n');
  const header = JSON.parse(headerLine);
  assert.equal(header.version, 2, `asciicast v2 header: ${headerLine}`);
  assert.ok(header.width > 0 && header.height > 0, headerLine);
  const output = eventLines
    .map(line => JSON.parse(line))
    .filter(([time, kind]) => typeof time === 'number' && kind === 'o')
    .map(([, , data]) => data)
    .join('');
  assert.match(output, /recorded-42/, 'the download holds the shell output');
});

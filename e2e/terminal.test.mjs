// Session terminals end to end, against the portal as scripts/start.sh runs it (the terminal
// backend, the gateway and the emulator's dev runners speaking ttyd's protocol with tmux):
// start a session on the page, use the shell, resize, reload back into it, end it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSignedInPage, PORTAL_URL } from './browser.mjs';
import { backendSession } from './terminalApi.mjs';
import {
  endSessionOnPage,
  startSessionOnPage,
  waitForScreen,
} from './terminalPage.mjs';

let browser;
let page;

before(async () => {
  ({ browser, page } = await openSignedInPage());
});
after(async () => browser?.close());

/** The size the page told the shell, from the terminal container's data attributes. */
async function terminalSize() {
  const screen = page.getByTestId('terminal-screen');
  return {
    cols: Number(await screen.getAttribute('data-cols')),
    rows: Number(await screen.getAttribute('data-rows')),
  };
}

async function typeLine(text) {
  await page.locator('.xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('a session from the terminal page: shell, resize, reload back into it, end', async () => {
  // The first profile: the dev config lists the plain shell first.
  const sessionId = await startSessionOnPage(page, PORTAL_URL, dialog =>
    dialog.getByRole('radio').first(),
  );

  await typeLine('echo hatchway-$((6*7))');
  await waitForScreen(page, /^hatchway-42\s*$/m);

  // A smaller window: the terminal refits and tells the shell its new size.
  const before = await terminalSize();
  await page.setViewportSize({ width: 1000, height: 700 });
  let after = before;
  for (let i = 0; i < 40 && after.cols === before.cols; i++) {
    await page.waitForTimeout(250);
    after = await terminalSize();
  }
  assert.ok(
    after.cols < before.cols && after.rows > 0,
    `the terminal refits (${before.cols}x${before.rows} → ${after.cols}x${after.rows})`,
  );
  await page.waitForTimeout(500); // the resize is sent once the window is still
  await typeLine('clear; stty size');
  const shown = await waitForScreen(page, /^\d+ \d+\s*$/m);
  // The runner's tmux has no status line (packages/runner/tmux.conf): the shell gets every row.
  const [sttyRows, sttyCols] = /^(\d+) (\d+)\s*$/m
    .exec(shown)
    .slice(1)
    .map(Number);
  assert.deepEqual(
    { rows: sttyRows, cols: sttyCols },
    { rows: after.rows, cols: after.cols },
    `stty size inside the session matches the terminal (${shown})`,
  );

  await typeLine('echo hatchway-$((7*6))-again');
  await waitForScreen(page, /^hatchway-42-again\s*$/m);

  // A reload lands on the same session; tmux on the runner redraws the screen.
  await page.reload();
  await page
    .getByRole('status')
    .getByText('Connected')
    .waitFor({ timeout: 60_000 });
  await waitForScreen(page, /^hatchway-42-again\s*$/m);
  assert.equal((await backendSession(sessionId)).state, 'Ready');

  await endSessionOnPage(page);
  assert.equal((await backendSession(sessionId)).state, 'Ended');
});

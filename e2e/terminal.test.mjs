// Session terminals end to end, against the portal as scripts/start.sh runs it (the terminal
// backend, the gateway and the emulator's dev runners speaking ttyd's protocol with tmux):
// start a session on the page, use the shell, resize, reload back into it, end it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSignedInPage, PORTAL_URL } from './browser.mjs';
import { backendSession } from './terminalApi.mjs';

let browser;
let page;

before(async () => {
  ({ browser, page } = await openSignedInPage());
});
after(async () => browser?.close());

/**
 * What the terminal shows: xterm's DOM renderer keeps one element per row in `.xterm-rows`,
 * so this is the visible screen as a user reads it (xterm pads cells with no-break spaces).
 */
async function screenText() {
  const rows = await page.locator('.xterm-rows').innerText();
  return rows.replace(/\u00a0/g, ' ');
}

async function waitForScreen(pattern, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await screenText().catch(() => '');
    if (pattern.test(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${last}`);
}

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
  await page.goto(`${PORTAL_URL}/terminal`);
  await page
    .getByRole('button', { name: 'New session' })
    .first()
    .click({ timeout: 60_000 });
  const dialog = page.getByRole('dialog', { name: 'New session' });
  // The first profile: the dev config lists the plain shell first.
  const firstProfile = dialog.getByRole('radio').first();
  await firstProfile.waitFor({ timeout: 30_000 });
  await firstProfile.check();
  await dialog.getByRole('button', { name: 'Start session' }).click();

  await page.waitForURL(/\/terminal\/sessions\/[^/]+$/, { timeout: 30_000 });
  const sessionId = decodeURIComponent(page.url().split('/').pop());
  // Starting → Ready → connected; the shell's prompt ends in $ or #.
  await page
    .getByRole('status')
    .getByText('Connected')
    .waitFor({ timeout: 90_000 });
  await waitForScreen(/[$#]\s*$/m, 30_000);

  await typeLine('echo hatchway-$((6*7))');
  await waitForScreen(/^hatchway-42\s*$/m);

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
  const shown = await waitForScreen(/^\d+ \d+\s*$/m);
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
  await waitForScreen(/^hatchway-42-again\s*$/m);

  // A reload lands on the same session; tmux on the runner redraws the screen.
  await page.reload();
  await page
    .getByRole('status')
    .getByText('Connected')
    .waitFor({ timeout: 60_000 });
  await waitForScreen(/^hatchway-42-again\s*$/m);
  assert.equal((await backendSession(sessionId)).state, 'Ready');

  await page.getByRole('button', { name: 'End session' }).click();
  await page
    .getByRole('dialog', { name: 'End this session?' })
    .getByRole('button', { name: 'End session' })
    .click();
  await page.getByText('This session has ended').waitFor({ timeout: 30_000 });
  assert.equal((await backendSession(sessionId)).state, 'Ended');
});

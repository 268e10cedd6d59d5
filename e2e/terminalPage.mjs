// The terminal page as a user works it — reading the xterm.js screen, starting and ending a
// session — shared by the terminal journeys (the terminal page, recordings, a vCluster's shell).

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * What the xterm under `root` (a page or a locator) shows: its DOM renderer keeps one element per
 * row in `.xterm-rows`, cells padded with no-break spaces.
 */
export async function screenText(root) {
  // A short wait: the polls around it retry, and a missing screen should not eat their budget.
  const rows = await root.locator('.xterm-rows').innerText({ timeout: 2_000 });
  return rows.replace(/\u00a0/g, ' ');
}

/** Polls until `check()` returns a value other than undefined; says what it last saw if not. */
export async function eventually(what, check, timeout) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    const result = await check().catch(error => ({ error }));
    if (result?.value !== undefined) return result.value;
    last = result?.seen ?? result?.error?.message;
    await sleep(250);
  }
  throw new Error(`${what} never happened; last seen:\n${last}`);
}

/** Waits until the terminal under `root` shows `pattern`; returns the screen's text. */
export async function waitForScreen(root, pattern, timeout = 30_000) {
  return eventually(
    `the terminal showing ${pattern}`,
    async () => {
      const text = await screenText(root);
      return pattern.test(text) ? { value: text } : { seen: text };
    },
    timeout,
  );
}

/**
 * Starts a session from the terminal page with the profile radio `chooseProfile(dialog)` returns,
 * waits until it is connected and the shell's prompt ($ or #) shows; returns the session's id.
 */
export async function startSessionOnPage(page, portalUrl, chooseProfile) {
  await page.goto(`${portalUrl}/terminal`);
  await page
    .getByRole('button', { name: 'New session' })
    .first()
    .click({ timeout: 60_000 });
  const dialog = page.getByRole('dialog', { name: 'New session' });
  const profile = chooseProfile(dialog);
  await profile.waitFor({ timeout: 30_000 });
  await profile.check();
  await dialog.getByRole('button', { name: 'Start session' }).click();

  await page.waitForURL(/\/terminal\/sessions\/[^/]+$/, { timeout: 30_000 });
  // Starting → Ready → connected.
  await page
    .getByRole('status')
    .getByText('Connected')
    .waitFor({ timeout: 90_000 });
  await waitForScreen(page, /[$#]\s*$/m);
  return decodeURIComponent(page.url().split('/').pop());
}

/** Ends the open session through its button and confirmation; waits for the ended notice. */
export async function endSessionOnPage(page) {
  await page.getByRole('button', { name: 'End session' }).click();
  await page
    .getByRole('dialog', { name: 'End this session?' })
    .getByRole('button', { name: 'End session' })
    .click();
  await page.getByText('This session has ended').waitFor({ timeout: 30_000 });
}

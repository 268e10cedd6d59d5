// Launches Debian's chromium through playwright-core. Never downloads a browser: the test
// command installs chromium with apt-get, and this only points at it.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PORTAL_URL =
  process.env.HATCHWAY_PORTAL_URL ?? 'http://localhost:3000';
const EXECUTABLE = process.env.HATCHWAY_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser() {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(
      `${EXECUTABLE} not found: install Debian's chromium (apt-get install chromium)`,
    );
  }
  const userDataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'hatchway-chromium-'),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in as guest on the portal's sign-in page, when the portal shows one. */
export async function signInAsGuest(page) {
  // The first load compiles nothing but fetches a large bundle; slow on a busy 2-core machine.
  await page.goto(PORTAL_URL, { timeout: 120_000 });
  const enter = page.getByRole('button', { name: /enter/i });
  await enter.first().click({ timeout: 60_000 });
}

/** A browser with one desktop-sized page signed in as guest and showing the catalog. */
export async function openSignedInPage() {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  await page
    .getByRole('heading', { name: /Hatchway Catalog/i })
    .waitFor({ timeout: 60_000 });
  return { browser, page };
}

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, PORTAL_URL, signInAsGuest } from './browser.mjs';

let browser;
let page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
after(async () => browser?.close());

test('guest sign-in lands on the catalog, branded Hatchway', async () => {
  await signInAsGuest(page);
  await page
    .getByRole('heading', { name: /Hatchway Catalog/i })
    .waitFor({ timeout: 60_000 });
  assert.match(await page.title(), /Hatchway/);
  await page.getByRole('img', { name: 'Hatchway' }).first().waitFor();
});

test("the catalog lists Hatchway's own components", async () => {
  await page.goto(`${PORTAL_URL}/?filters[kind]=component&filters[user]=all`);
  // Entities show their titles; these come from catalog-info.yaml at the repository root.
  for (const name of ['Hatchway portal (backend)', 'Kubernetes API emulator']) {
    await page
      .getByRole('link', { name, exact: true })
      .first()
      .waitFor({ timeout: 60_000 });
  }
});

test("Hatchway's System page shows its owner", async () => {
  await page.goto(`${PORTAL_URL}/catalog/default/system/hatchway`);
  await page
    .getByRole('link', { name: 'Hatchway maintainers' })
    .first()
    .waitFor({ timeout: 60_000 });
});

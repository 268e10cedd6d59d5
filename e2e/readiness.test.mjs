// The readiness plugin and the Kubernetes tab against the portal as the start command runs it:
// the emulator holds examples/cluster/, the readiness backend scans it 5 s after start.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSignedInPage, PORTAL_URL } from './browser.mjs';

let browser;
let page;

before(async () => {
  ({ browser, page } = await openSignedInPage());
});
after(async () => browser?.close());

/** The number of findings the page's table heading announces, e.g. "Findings (41)". */
async function findingsCount() {
  const heading = page.getByRole('heading', { name: /^Findings \(\d+\)$/ });
  await heading.first().waitFor({ timeout: 60_000 });
  return Number(/\((\d+)\)/.exec(await heading.first().innerText())[1]);
}

test('the readiness page scores the demo cluster and lists what fails in it', async () => {
  await page.goto(`${PORTAL_URL}/readiness`);
  // The first scan runs a few seconds after the backend starts; reload until it has landed.
  const lastScan = page.getByText(/Last scan .* objects/);
  for (let i = 0; i < 6; i++) {
    try {
      await lastScan.waitFor({ timeout: 10_000 });
      break;
    } catch {
      await page.reload();
    }
  }
  await lastScan.waitFor({ timeout: 10_000 });
  // legacy-web shares the host's network and mounts a host path: both fail as danger.
  await page
    .getByRole('cell', { name: /No hostPath volumes/ })
    .first()
    .waitFor();
  await page
    .getByRole('cell', { name: /Pods do not share the host's network/ })
    .first()
    .waitFor();
  const total = await findingsCount();
  assert.ok(total > 5, `expected several failed findings, got ${total}`);

  await page.getByLabel('Namespace').fill('legacy');
  await page.waitForTimeout(1500);
  const legacy = await findingsCount();
  assert.ok(
    legacy > 0 && legacy < total,
    `the namespace filter narrows the list (${legacy} of ${total})`,
  );
  const resources = await page
    .getByRole('row')
    .filter({ hasText: 'Failed' })
    .allInnerTexts();
  assert.ok(resources.length > 0);
  for (const row of resources) assert.match(row, /legacy/);
});

test('an exemption created on the page takes failures out of the count at once, and deleting it brings them back', async () => {
  await page.goto(`${PORTAL_URL}/readiness`);
  const before = await findingsCount();
  await page.getByRole('button', { name: /new exemption/i }).click();
  const dialog = page.getByRole('dialog', { name: 'New exemption' });
  await dialog.getByLabel(/Check ids/).fill('not-privileged');
  await dialog.getByLabel(/Namespace/).fill('legacy');
  const reason = `Legacy CNI agent needs privileges (e2e ${Date.now()})`;
  await dialog.getByLabel(/Reason/).fill(reason);
  const inAMonth = new Date(Date.now() + 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await dialog.getByLabel(/Expires on/).fill(inAMonth);
  await dialog.getByRole('button', { name: 'Create exemption' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  const row = page.getByRole('row').filter({ hasText: reason });
  await row.waitFor({ timeout: 15_000 });
  let now = before;
  for (let i = 0; i < 20 && now >= before; i++) {
    await page.waitForTimeout(500);
    now = await findingsCount();
  }
  assert.ok(now < before, `failed findings went from ${before} to ${now}`);

  await row.getByRole('button', { name: /Delete exemption/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete exemption?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await row.waitFor({ state: 'detached', timeout: 15_000 });
  let restored = now;
  for (let i = 0; i < 20 && restored !== before; i++) {
    await page.waitForTimeout(500);
    restored = await findingsCount();
  }
  assert.equal(restored, before, 'the failures count again once it is gone');
});

/** The score the readiness card on an entity's Overview shows. */
async function entityScore(name) {
  await page.goto(`${PORTAL_URL}/catalog/default/component/${name}`);
  const badge = page.getByLabel(/^Readiness score \d+ out of 100$/).first();
  await badge.waitFor({ timeout: 60_000 });
  return Number(/score (\d+)/.exec(await badge.getAttribute('aria-label'))[1]);
}

test("an engineer's entity shows its readiness score and its pods on the emulator", async () => {
  const legacy = await entityScore('legacy-web');
  // The readiness card on the Overview tab names what to fix first.
  await page.getByText('Top failing checks').first().waitFor();
  const summary = await page
    .getByText(/\d+ danger · \d+ warning failing/)
    .first()
    .innerText();
  assert.doesNotMatch(summary, /^0 danger/, 'legacy-web fails danger checks');
  await page
    .getByRole('list', { name: 'Top failing checks' })
    .getByText(/Containers are not privileged|Pods do not share the host/)
    .first()
    .waitFor();

  // The hardened shop scores higher: its only failures are the ExternalSecret that does not sync
  // (danger, and not fresh either) and shop-api naming no priority class (a warning).
  // legacy-web fails 12 danger checks (run-as-non-root and the baseline pss-* controls among them).
  const shop = await entityScore('shop-api');
  assert.ok(shop > legacy, `shop-api ${shop} > legacy-web ${legacy}`);

  // The Kubernetes tab reads the emulator through the Backstage Kubernetes plugin.
  await page.goto(
    `${PORTAL_URL}/catalog/default/component/shop-api/kubernetes`,
  );
  await page.getByText('Local emulator').first().waitFor({ timeout: 60_000 });
  await page
    .getByText(/\d+ pods?/)
    .first()
    .waitFor({ timeout: 60_000 });
  const pods = await page
    .getByText(/\d+ pods?/)
    .first()
    .innerText();
  assert.match(pods, /[1-9]\d* pods?/, 'the emulator runs the shop pods');
});

test("a team's Group page shows the team's compliance and links to its findings", async () => {
  await page.goto(`${PORTAL_URL}/catalog/default/group/team-a`);
  await page.getByText('Team readiness').first().waitFor({ timeout: 60_000 });
  const badge = page.getByLabel(/^Readiness score \d+ out of 100$/).first();
  await badge.waitFor({ timeout: 60_000 });
  await page.getByRole('link', { name: "View the team's findings" }).click();
  await page.waitForURL(/\/readiness\?owner=/, { timeout: 30_000 });
  assert.ok((await findingsCount()) > 0, 'the team has failed findings');
  await page.getByRole('row').filter({ hasText: 'Failed' }).first().waitFor();
  const rows = await page
    .getByRole('row')
    .filter({ hasText: 'Failed' })
    .allInnerTexts();
  for (const row of rows) assert.match(row, /group:default\/team-a/);
});

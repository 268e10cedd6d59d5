// The Pod Security tab of the readiness page against the portal as the start command runs it:
// the emulator holds examples/cluster/, the readiness backend scans it 5 s after start and
// records each namespace's Pod Security labels and the strictest level its workloads meet.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, PORTAL_URL, signInAsGuest } from './browser.mjs';

let browser;
let page;

// Signs in as openSignedInPage does, trying again when the first load of the portal (a large
// bundle on a busy machine, or one the dev server is rebuilding) does not reach the catalog.
before(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  for (let attempt = 1; ; attempt++) {
    try {
      await signInAsGuest(page);
      await page
        .getByRole('heading', { name: /Hatchway Catalog/i })
        .waitFor({ timeout: 60_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
});
after(async () => browser?.close());

/** The table row of a namespace (its own cell, not a longer name containing it). */
function namespaceRow(name) {
  return page
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
}

/** Opens the tab, reloading until the first scan has recorded the namespaces. */
async function openPodSecurityTab() {
  await page.goto(`${PORTAL_URL}/readiness?view=pod-security&cluster=emulator`);
  const legacy = namespaceRow('legacy');
  for (let i = 0; i < 8; i++) {
    try {
      await legacy.first().waitFor({ timeout: 10_000 });
      return;
    } catch {
      await page.reload();
    }
  }
  await legacy.first().waitFor({ timeout: 10_000 });
}

test('the Pod Security tab lists the demo namespaces with their enforced and possible levels', async () => {
  await openPodSecurityTab();
  assert.equal(
    await page
      .getByRole('tab', { name: 'Pod Security' })
      .getAttribute('aria-selected'),
    'true',
  );
  await page
    .getByRole('heading', {
      name: /^Namespaces \(\d+\) · \d+ could enforce restricted today$/,
    })
    .waitFor();

  // legacy-web shares the host's network and runs privileged: nothing stricter would admit it.
  const legacy = namespaceRow('legacy');
  await legacy.getByLabel('Enforced: Privileged').waitFor();
  await legacy.getByLabel('Possible: Privileged').waitFor();
  assert.match(await legacy.innerText(), /group:default\/team-a/);
  assert.match(await legacy.innerText(), /Workloads need privileged/);
  assert.match(await legacy.innerText(), /1 at Baseline/i);

  // The hardened shop could enforce restricted today.
  const shop = namespaceRow('shop');
  await shop.getByLabel('Possible: Restricted').waitFor();
  assert.match(await shop.innerText(), /Could enforce restricted today/);
  assert.match(await shop.innerText(), /0 at Baseline/i);

  // The runner namespace is labelled restricted already.
  const runners = namespaceRow('hatchway-runners');
  await runners.getByLabel('Enforced: Restricted').waitFor();
  assert.match(await runners.innerText(), /Enforces the strictest level/);

  // Filtering by owning team leaves team-a's namespaces.
  await page.getByLabel('Owning team').selectOption('group:default/team-a');
  await page
    .getByRole('heading', {
      name: /^Namespaces \(2\) · 1 could enforce restricted today$/,
    })
    .waitFor();
  assert.equal(await namespaceRow('hatchway-runners').count(), 0);
});

test('a refused workload shows the controls it breaks and opens its findings', async () => {
  await openPodSecurityTab();
  await page
    .getByRole('button', { name: '1 refused at baseline in legacy' })
    .click();
  const details = page.getByRole('region', { name: 'Pod Security of legacy' });
  await details.getByText('Refused at Baseline (1)').waitFor();
  const workload = details
    .getByRole('group', { name: 'Refused workload Deployment legacy-web' })
    .first();
  const controls = workload.getByRole('table', {
    name: 'Controls Deployment legacy-web breaks',
  });
  await controls.getByText('hostNamespaces').waitFor();
  await controls
    .getByText('container "web" must not set securityContext.privileged=true')
    .waitFor();
  assert.match(await controls.innerText(), /hostPathVolumes/);

  await workload
    .getByRole('link', { name: 'Findings of component:default/legacy-web' })
    .click();
  await page.waitForURL(
    /view=workloads.*entity=component%3Adefault%2Flegacy-web/,
    {
      timeout: 30_000,
    },
  );
  await page.getByText('Entity: component:default/legacy-web').waitFor();
  const heading = page.getByRole('heading', { name: /^Findings \(\d+\)$/ });
  await heading.first().waitFor({ timeout: 60_000 });
  const count = Number(/\((\d+)\)/.exec(await heading.first().innerText())[1]);
  assert.ok(count > 0, 'legacy-web has failed findings');
  // Its Pod Security failures are among them, and every row is about legacy-web.
  await page
    .getByRole('cell', { name: /Pod Security baseline: Privileged Containers/ })
    .first()
    .waitFor({ timeout: 30_000 });
  const rows = await page
    .getByRole('row')
    .filter({ hasText: 'Failed' })
    .allInnerTexts();
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row, /legacy-web/);
});

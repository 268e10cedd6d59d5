// vClusters end to end against the portal as the start command runs it: the emulator is the host
// cluster, and a vCluster's StatefulSet gets a nested emulator whose kubeconfig really works.
// Needs the vCluster backend, the frontend plugin, the scaffolder module and the example
// template wired into the portal.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { openSignedInPage, PORTAL_URL } from './browser.mjs';
import { waitForScreen } from './terminalPage.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KUBECTL = path.join(REPO, '.tools/bin/kubectl');
const NAME = 'demo';
// Provisioning on the emulator takes seconds; deleting waits for the namespace to go.
const PHASE_TIMEOUT = 120_000;

let browser;
let page;
let downloads;

before(async () => {
  ({ browser, page } = await openSignedInPage());
  downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchway-vcluster-'));
});
after(async () => {
  await browser?.close();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

/** The table row of a vCluster on the /vclusters page. */
const rowOf = name =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

/** Deletes a vCluster through its row: the button, then the typed name. */
async function deleteThroughRow(name) {
  await rowOf(name)
    .getByRole('button', { name: `Delete ${name}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Delete vCluster ${name}?` });
  const confirm = dialog.getByRole('button', { name: 'Delete' });
  assert.equal(
    await confirm.isDisabled(),
    true,
    'Delete waits for the typed name',
  );
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await confirm.click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits until the vCluster's row is gone (the page polls; nothing reloads it). */
async function waitUntilGone(name) {
  await rowOf(name).waitFor({ state: 'detached', timeout: PHASE_TIMEOUT });
}

/**
 * Reloads the catalog page of a vCluster's Resource until it shows the entity (present) or the
 * catalog's "There is no Resource with the requested kind, namespace, and name" (gone). The
 * entity provider runs on its own schedule, so either takes a moment.
 */
async function waitForCatalogResource(vclusterName, present) {
  const entityName = `vcluster-${vclusterName}`;
  const notFound = page.getByText(/There is no .* with the requested/i);
  // The entity page's title ("vCluster <name>") is a heading below the portal's own h1.
  const shown = page
    .getByRole('heading')
    .filter({ hasText: new RegExp(`vCluster ${vclusterName}$`, 'i') });
  for (let i = 0; i < 24; i++) {
    await page.goto(`${PORTAL_URL}/catalog/default/resource/${entityName}`);
    await shown.or(notFound).first().waitFor({ timeout: 30_000 });
    if ((await shown.count()) > 0 === present) return;
    await page.waitForTimeout(2_500);
  }
  assert.fail(
    `catalog Resource ${entityName} ${
      present ? 'never appeared' : 'never went away'
    }`,
  );
}

test('create, use, sleep, wake and delete a vCluster from the vClusters page', async () => {
  await page.goto(`${PORTAL_URL}/vclusters`);
  await page
    .getByRole('heading', { name: 'Your vClusters' })
    .waitFor({ timeout: 60_000 });
  // A run that died half-way leaves its vCluster behind (the emulator keeps its state).
  await page
    .getByText(/^vClusters \(\d+\)$|^No vClusters yet/)
    .first()
    .waitFor({ timeout: 60_000 });
  if (await rowOf(NAME).count()) {
    await deleteThroughRow(NAME);
    await waitUntilGone(NAME);
  }

  await page.getByRole('button', { name: 'Create vCluster' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a vCluster' });
  await dialog.getByLabel('Name').fill('Demo_1');
  await dialog.getByText(/must consist of lower-case letters/).waitFor();
  assert.equal(
    await dialog.getByRole('button', { name: 'Create' }).isDisabled(),
    true,
  );
  await dialog.getByLabel('Name').fill(NAME);
  await dialog.getByLabel('Size').selectOption('small');
  const created = page.waitForResponse(
    r =>
      r.url().endsWith('/api/vcluster/clusters') &&
      r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Create' }).click();
  const response = await created;
  assert.equal(response.status(), 202);
  assert.equal((await response.json()).phase, 'Provisioning');
  await dialog.waitFor({ state: 'hidden' });

  // The page polls: the row turns Ready with no reload.
  await rowOf(NAME).getByText('Ready').waitFor({ timeout: PHASE_TIMEOUT });

  const downloaded = page.waitForEvent('download');
  await rowOf(NAME)
    .getByRole('button', { name: `Download kubeconfig of ${NAME}` })
    .click();
  const download = await downloaded;
  assert.equal(download.suggestedFilename(), `${NAME}.kubeconfig.yaml`);
  const kubeconfig = path.join(downloads, download.suggestedFilename());
  await download.saveAs(kubeconfig);
  const { stdout } = await promisify(execFile)(
    KUBECTL,
    ['--kubeconfig', kubeconfig, 'get', 'ns', '-o', 'name'],
    { timeout: 60_000 },
  );
  assert.match(stdout, /^namespace\/default$/m, 'kubectl reaches the vCluster');

  await waitForCatalogResource(NAME, true);

  // A shell in the vCluster from its Shell tab: kubectl there reaches the vCluster itself.
  await page.goto(
    `${PORTAL_URL}/catalog/default/resource/vcluster-${NAME}/shell`,
  );
  await page
    .getByRole('radio', { name: /vCluster shell/ })
    .check({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Open shell' }).click();
  // The prompt: `$` for a user, `#` for root (the dev runner runs as whoever runs the emulator).
  await waitForScreen(page, /[$#]/, 60_000);
  await page.locator('.xterm').click();
  await page.keyboard.type('kubectl get ns -o name; echo shell-$((6*7))');
  await page.keyboard.press('Enter');
  const screen = await waitForScreen(page, /^shell-42/m, 60_000);
  for (const ns of ['default', 'kube-system']) {
    assert.match(
      screen,
      new RegExp(`^namespace/${ns}\\s*$`, 'm'),
      `the shell's kubectl lists the vCluster's namespace ${ns}`,
    );
  }
  await page.getByRole('button', { name: 'End session' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'End session' })
    .click();

  await page.goto(`${PORTAL_URL}/vclusters`);

  await rowOf(NAME)
    .getByRole('button', { name: `Sleep ${NAME}` })
    .click({ timeout: 60_000 });
  await rowOf(NAME).getByText('Sleeping').waitFor({ timeout: PHASE_TIMEOUT });
  await rowOf(NAME)
    .getByRole('button', { name: `Wake ${NAME}` })
    .click();
  await rowOf(NAME).getByText('Ready').waitFor({ timeout: PHASE_TIMEOUT });

  await deleteThroughRow(NAME);
  await waitUntilGone(NAME);
  await waitForCatalogResource(NAME, false);
});

test('the "Create a vCluster" template creates one and waits until it is Ready', async () => {
  const name = `tpl-${Date.now().toString(36)}`;
  await page.goto(`${PORTAL_URL}/create/templates/default/create-vcluster`);
  await page
    .getByRole('textbox', { name: /^Name/ })
    .fill(name, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The output links appear once both steps (create, wait) have finished.
  const open = page.getByRole('link', { name: 'Open the vCluster' });
  await open.waitFor({ timeout: PHASE_TIMEOUT + 60_000 });
  await open.click();
  await page.getByRole('heading', { name: `vCluster ${name}` }).waitFor();
  await page.getByText('Ready').first().waitFor({ timeout: 30_000 });

  await page.goto(`${PORTAL_URL}/vclusters`);
  await rowOf(name).waitFor({ timeout: 30_000 });
  await deleteThroughRow(name);
  await waitUntilGone(name);
});

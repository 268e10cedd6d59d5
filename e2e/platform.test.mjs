// The platform board against the demo cluster: examples/cluster/30-platform.yaml holds platform
// components in every state (the emulator's kubelet makes kyverno crash-loop, external-secrets
// fail to pull, grafana never get Ready); argocd is expected but absent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSignedInPage, PORTAL_URL } from './browser.mjs';

let browser;
let page;

before(async () => {
  ({ browser, page } = await openSignedInPage());
});
after(async () => browser?.close());

/** The card of one component on the board. */
const card = title =>
  page
    .getByRole('list', { name: 'Components' })
    .getByRole('article', { name: title, exact: true });

test('the Platform view shows each expected component with its health and why', async () => {
  await page.goto(`${PORTAL_URL}/readiness?view=platform`);
  const percent = page.getByLabel(/^Platform readiness \d+%$/);
  for (let i = 0; i < 6; i++) {
    try {
      await percent.waitFor({ timeout: 10_000 });
      break;
    } catch {
      await page.reload(); // the first scan lands a few seconds after start
    }
  }
  assert.equal(
    await percent.getAttribute('aria-label'),
    'Platform readiness 50%',
  );
  await page.getByText('5 of 10 components healthy').waitFor();

  await card('Argo CD').getByText('Missing').first().waitFor();
  // Like a real kubelet, the emulator's alternates between the failure and its back-off, so a
  // scan sees either.
  await card('Kyverno policy engine')
    .getByText(/CrashLoopBackOff|restarted|Error/)
    .first()
    .waitFor();
  await card('Kyverno policy engine').getByText('Degraded').first().waitFor();
  await card('External Secrets Operator')
    .getByText(/ImagePullBackOff|ErrImagePull/)
    .first()
    .waitFor();
  await card('cert-manager').getByText('Healthy').first().waitFor();

  await page.getByLabel('Health').selectOption('Degraded');
  await page.getByText('4 of 10 components').waitFor({ timeout: 10_000 });
  assert.equal(await card('cert-manager').count(), 0);
  await page.getByLabel('Search components').fill('grafana');
  await page.getByText('1 of 10 components').waitFor({ timeout: 10_000 });
});

test("a platform component's catalog page shows its live status", async () => {
  await page.goto(`${PORTAL_URL}/catalog/default/component/grafana`);
  await page
    .getByText('Platform component status')
    .first()
    .waitFor({ timeout: 60_000 });
  await page.getByText('Degraded').first().waitFor();
  await page
    .getByText(/grafana: 0\/1/)
    .first()
    .waitFor();
});

import { screen, waitFor, within } from '@testing-library/react';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import {
  renderReadinessPage,
  user,
} from '../../__testUtils__/renderReadinessPage';

/**
 * The page once its exemptions are listed. The first full render in a test file loads the
 * page's modules and its tables: seconds more than the 5 s the other waits get on a busy machine.
 */
async function render(api: FakeReadinessApi) {
  const rendered = await renderReadinessPage(api, '/readiness');
  await screen.findByText('Egress gateway lands next quarter', undefined, {
    timeout: 20_000,
  });
  return rendered;
}

describe('exemptions on the readiness page', () => {
  // The first of these also pays for loading the page's modules.
  jest.setTimeout(60_000);

  it('lists exemptions and deletes one after confirmation', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    const row = (
      await screen.findByText('Egress gateway lands next quarter')
    ).closest('tr')!;
    expect(within(row).getByText('group:default/team-b')).toBeInTheDocument();
    expect(
      within(row).getByText('cluster prod · namespace payments'),
    ).toBeInTheDocument();
    // An exemption for another cluster is not listed under prod.
    expect(screen.queryByText('Dev only')).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', {
        name: 'Delete exemption of default-deny-egress',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete exemption?',
    });
    expect(
      within(dialog).getByText(
        /namespace payments will count against the score again/,
      ),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() =>
      expect(api.deleteExemption).toHaveBeenCalledWith('ex-1'),
    );
    await waitFor(() =>
      expect(
        screen.queryByText('Egress gateway lands next quarter'),
      ).not.toBeInTheDocument(),
    );
  });

  it('exempts a failing finding from its drawer and reloads', async () => {
    const api = new FakeReadinessApi();
    await render(api);
    await user.click(await screen.findByText('Container web may run as root'));
    const details = await screen.findByRole('region', {
      name: 'Finding details',
    });
    await user.click(
      within(details).getByRole('button', { name: 'Exempt this finding' }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'New exemption' });
    const expiry = new Date(Date.now() + 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await user.click(within(dialog).getByLabelText(/^Reason/));
    await user.paste('Vendor image, fix in 2.0');
    await user.type(within(dialog).getByLabelText(/^Expires on/), expiry);
    await user.click(
      within(dialog).getByRole('button', { name: 'Create exemption' }),
    );

    expect(api.createExemption).toHaveBeenCalledWith({
      checkIds: ['run-as-non-root'],
      match: {
        cluster: 'prod',
        namespace: 'shop',
        kind: 'Deployment',
        namePrefix: 'web-api',
      },
      reason: 'Vendor image, fix in 2.0',
      expiresAt: `${expiry}T00:00:00.000Z`,
    });
    expect(
      await screen.findByText('Vendor image, fix in 2.0'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('dialog', { name: 'New exemption' }),
    ).not.toBeInTheDocument();
    expect(api.getFindings.mock.calls.length).toBeGreaterThan(1);
  });
});

import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readinessApiRef } from '../../api/ReadinessApi';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import { ReadinessPage } from './ReadinessPage';

// Typing without a pause between keys keeps the tests quick.
const user = userEvent.setup({ delay: null });

// Its own file: usePermission caches decisions per permission for the whole module, so a
// denying policy cannot share a file with the allowing one.
describe('ReadinessPage for a user who may not change exemptions', () => {
  it('shows exemptions but no way to create or delete them', async () => {
    const api = new FakeReadinessApi();
    await renderInTestApp(<ReadinessPage />, {
      apis: [
        [readinessApiRef, api],
        mockApis.permission({ authorize: 'DENY' as never }),
      ],
    });
    expect(
      await screen.findByText('Egress gateway lands next quarter'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'New exemption' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Delete exemption/ }),
    ).not.toBeInTheDocument();

    await user.click(screen.getByText('Container web may run as root'));
    const details = await screen.findByRole('region', {
      name: 'Finding details',
    });
    expect(
      within(details).queryByRole('button', { name: 'Exempt this finding' }),
    ).not.toBeInTheDocument();
    expect(api.createExemption).not.toHaveBeenCalled();
  });
});

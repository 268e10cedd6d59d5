import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readinessApiRef } from '../../api/ReadinessApi';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import {
  emptyScore,
  entityReadiness,
  webApiEntity as webApi,
} from '../../__testUtils__/fixtures';
import { EntityReadinessContent } from './EntityReadinessContent';

// Typing without a pause between keys keeps the tests quick.
const user = userEvent.setup({ delay: null });

function render(api: FakeReadinessApi) {
  return renderInTestApp(
    <EntityProvider entity={webApi}>
      <EntityReadinessContent />
    </EntityProvider>,
    { apis: [[readinessApiRef, api], mockApis.permission()] },
  );
}

describe('EntityReadinessContent', () => {
  it('lists every finding of the entity with its score and trend', async () => {
    const api = new FakeReadinessApi();
    api.entities.set('component:default/web-api', entityReadiness());
    await render(api);

    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    expect(
      screen.getByText('Container web may run as root'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Container web has no liveness probe'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Readiness score 58 out of 100' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Score trend from 40 on 2030-04-29 to 58 on 2030-05-01',
      }),
    ).toBeInTheDocument();
  });

  it('asks for the 90-day trend when switched', async () => {
    const api = new FakeReadinessApi();
    api.entities.set('component:default/web-api', entityReadiness());
    await render(api);
    await user.click(await screen.findByRole('button', { name: '90 days' }));
    expect(api.getEntityReadiness).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'web-api' },
      { days: 90 },
    );
  });

  it('opens a finding and exempts it from the drawer', async () => {
    const api = new FakeReadinessApi();
    api.entities.set('component:default/web-api', entityReadiness());
    await render(api);
    await user.click(
      await screen.findByText('Container web has no liveness probe'),
    );
    const details = await screen.findByRole('region', {
      name: 'Finding details',
    });
    expect(
      within(details).getByText(
        'spec.template.spec.containers[0].livenessProbe',
      ),
    ).toBeInTheDocument();
    await user.click(
      within(details).getByRole('button', { name: 'Exempt this finding' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New exemption' });
    expect(within(dialog).getByLabelText(/^Check ids/)).toHaveValue(
      'liveness-probe',
    );
  });

  it('shows an empty state when nothing is mapped', async () => {
    const api = new FakeReadinessApi();
    api.entities.set(
      'component:default/web-api',
      entityReadiness({
        score: emptyScore(),
        findings: [],
        topFailingChecks: [],
        trend: [],
      }),
    );
    await render(api);
    expect(await screen.findByText('No scanned resources')).toBeInTheDocument();
  });
});

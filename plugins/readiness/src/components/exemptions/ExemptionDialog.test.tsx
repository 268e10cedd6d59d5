import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readinessApiRef } from '../../api/ReadinessApi';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import { checks, findings } from '../../__testUtils__/fixtures';
import { ExemptionDialog } from './ExemptionDialog';
import { ExemptionFormValues, formForFinding } from './exemptionForm';

// Typing without a pause between keys keeps the tests quick.
const user = userEvent.setup({ delay: null });

const checkMap = new Map(checks.map(c => [c.id, c]));
const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function open(
  api: FakeReadinessApi,
  initialValues?: Partial<ExemptionFormValues>,
) {
  const onCreated = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <ExemptionDialog
      open
      checks={checkMap}
      initialValues={initialValues}
      onClose={onClose}
      onCreated={onCreated}
    />,
    { apis: [[readinessApiRef, api]] },
  );
  await screen.findByRole('dialog', { name: 'New exemption' });
  return { onCreated, onClose };
}

const field = (label: RegExp) => screen.getByLabelText(label);
/** Fills a text field the way a paste does: one input event, not one per key. */
async function fill(label: RegExp, text: string) {
  await user.click(field(label));
  await user.paste(text);
}
const submit = () =>
  user.click(screen.getByRole('button', { name: 'Create exemption' }));

describe('ExemptionDialog', () => {
  it('requires check ids, a reason and an expiry, and sends nothing until they are there', async () => {
    const api = new FakeReadinessApi();
    await open(api);
    await submit();
    expect(
      screen.getByText('Name at least one check id, or * for every check'),
    ).toBeInTheDocument();
    expect(screen.getByText('A reason is required')).toBeInTheDocument();
    expect(screen.getByText('An expiry date is required')).toBeInTheDocument();
    expect(field(/^Reason/)).toHaveAttribute('aria-invalid', 'true');
    expect(api.createExemption).not.toHaveBeenCalled();
  });

  it('refuses an expiry that is not in the future, an unknown check and a malformed label', async () => {
    const api = new FakeReadinessApi();
    await open(api);
    await fill(/^Check ids/, 'run-as-non-root, no-such-check');
    await fill(/^Labels/, 'team');
    await fill(/^Reason/, '   ');
    await user.type(field(/^Expires on/), day(-1));
    await submit();
    expect(
      screen.getByText('Unknown check id: no-such-check'),
    ).toBeInTheDocument();
    expect(screen.getByText('"team" is not key=value')).toBeInTheDocument();
    expect(screen.getByText('A reason is required')).toBeInTheDocument();
    expect(
      screen.getByText('The expiry date must be in the future'),
    ).toBeInTheDocument();
    expect(api.createExemption).not.toHaveBeenCalled();
  });

  it('submits the checks, the resource match, the reason and the expiry', async () => {
    const api = new FakeReadinessApi();
    const { onCreated } = await open(api, { cluster: 'prod' });
    const expiry = day(30);
    await fill(/^Check ids/, 'run-as-non-root liveness-probe');
    await fill(/^Namespace/, 'shop');
    await fill(/^Kind/, 'Deployment');
    await fill(/^Name prefix/, 'web-');
    await fill(/^Labels/, 'team=a, tier = web');
    await fill(/^Reason/, '  Vendor image runs as root until 2.0 ');
    await user.type(field(/^Expires on/), expiry);
    await submit();

    expect(api.createExemption).toHaveBeenCalledTimes(1);
    expect(api.createExemption).toHaveBeenCalledWith({
      checkIds: ['run-as-non-root', 'liveness-probe'],
      match: {
        cluster: 'prod',
        namespace: 'shop',
        kind: 'Deployment',
        namePrefix: 'web-',
        labels: { team: 'a', tier: 'web' },
      },
      reason: 'Vendor image runs as root until 2.0',
      expiresAt: `${expiry}T00:00:00.000Z`,
    });
    expect(onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'ex-3' }),
    );
  });

  it('starts from a failing finding and names an owner when one is given', async () => {
    const api = new FakeReadinessApi();
    await open(api, formForFinding(findings[0]));
    expect(field(/^Check ids/)).toHaveValue('run-as-non-root');
    expect(field(/^Namespace/)).toHaveValue('shop');
    expect(field(/^Name prefix/)).toHaveValue('web-api');
    await fill(/^Reason/, 'Accepted');
    await fill(/^Owner/, 'group:default/team-a');
    await user.type(field(/^Expires on/), day(10));
    await submit();
    expect(api.createExemption).toHaveBeenCalledWith(
      expect.objectContaining({
        checkIds: ['run-as-non-root'],
        match: {
          cluster: 'prod',
          namespace: 'shop',
          kind: 'Deployment',
          namePrefix: 'web-api',
        },
        owner: 'group:default/team-a',
      }),
    );
  });

  it("shows the backend's 400 message and stays open", async () => {
    const api = new FakeReadinessApi();
    api.createExemption.mockRejectedValue(
      await backendError(400, {
        error: {
          name: 'InputError',
          message: 'expiresAt is more than 365 days away',
        },
      }),
    );
    const { onCreated } = await open(api);
    await fill(/^Check ids/, '*');
    await fill(/^Reason/, 'Migration');
    await user.type(field(/^Expires on/), day(400));
    await submit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'expiresAt is more than 365 days away (HTTP 400)',
    );
    expect(onCreated).not.toHaveBeenCalled();
    expect(
      screen.getByRole('dialog', { name: 'New exemption' }),
    ).toBeInTheDocument();
  });
});

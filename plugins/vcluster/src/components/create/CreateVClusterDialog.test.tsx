import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcluster } from '../../__testUtils__/fixtures';
import {
  FakeVClusterApi,
  responseError,
} from '../../__testUtils__/FakeVClusterApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { VClustersPage } from '../VClustersPage/VClustersPage';

const user = userEvent.setup({ delay: null });

async function openDialog(api: FakeVClusterApi) {
  await renderWithApis(<VClustersPage />, { api });
  await user.click(
    await screen.findByRole('button', { name: 'Create vCluster' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Create a vCluster',
  });
  await within(dialog).findByLabelText('Name');
  return within(dialog);
}

describe('the create dialog', () => {
  it('explains an invalid name as it is typed and keeps Create disabled', async () => {
    const dialog = await openDialog(new FakeVClusterApi());
    const create = dialog.getByRole('button', { name: 'Create' });
    expect(create).toBeDisabled();

    await user.type(dialog.getByLabelText('Name'), 'My_Cluster');
    expect(
      dialog.getByText(/must consist of lower-case letters/),
    ).toBeInTheDocument();
    expect(create).toBeDisabled();

    await user.clear(dialog.getByLabelText('Name'));
    await user.type(dialog.getByLabelText('Name'), '1st');
    expect(dialog.getByText(/start with a letter/)).toBeInTheDocument();
    expect(create).toBeDisabled();

    await user.clear(dialog.getByLabelText('Name'));
    await user.type(dialog.getByLabelText('Name'), 'a'.repeat(53));
    expect(
      dialog.getByText(/at most 52 characters \(it has 53\)/),
    ).toBeInTheDocument();

    await user.clear(dialog.getByLabelText('Name'));
    await user.type(dialog.getByLabelText('Name'), 'team-sandbox');
    expect(create).toBeEnabled();
  });

  it('posts the chosen size, TTL, owner and host cluster', async () => {
    const api = new FakeVClusterApi([vcluster({ name: 'demo' })]);
    const dialog = await openDialog(api);
    await user.type(dialog.getByLabelText('Name'), 'team-sandbox');
    await user.selectOptions(dialog.getByLabelText('Size'), 'medium');
    // Choosing a size starts the TTL at that size's default.
    expect(dialog.getByLabelText('TTL (hours)')).toHaveValue(4);
    await user.clear(dialog.getByLabelText('TTL (hours)'));
    await user.type(dialog.getByLabelText('TTL (hours)'), '12');
    await user.selectOptions(
      dialog.getByLabelText('Owner'),
      'group:default/team-a',
    );
    await user.selectOptions(dialog.getByLabelText('Host cluster'), 'edge');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(api.create).toHaveBeenCalledWith({
        name: 'team-sandbox',
        size: 'medium',
        ttlHours: 12,
        owner: 'group:default/team-a',
        cluster: 'edge',
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'team-sandbox' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it("offers the user's own ref first, and refuses a TTL above the size's maximum", async () => {
    const dialog = await openDialog(new FakeVClusterApi());
    expect(dialog.getByLabelText('Owner')).toHaveValue('user:default/guest');
    await user.type(dialog.getByLabelText('Name'), 'demo2');
    await user.selectOptions(dialog.getByLabelText('Size'), 'medium');
    await user.clear(dialog.getByLabelText('TTL (hours)'));
    await user.type(dialog.getByLabelText('TTL (hours)'), '25');

    expect(
      dialog.getByText('A medium vCluster lives at most 24 hours.'),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  });

  it.each([
    [409, 'vCluster demo already exists'],
    [429, 'Quota "vClusters per user" of 2 reached'],
    [400, 'ttlHours must be at most 72'],
  ])("shows the backend's %s answer in the dialog", async (status, message) => {
    const api = new FakeVClusterApi();
    api.create.mockRejectedValueOnce(await responseError(status, message));
    const dialog = await openDialog(api);
    await user.type(dialog.getByLabelText('Name'), 'demo');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(await dialog.findByText(message)).toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Create a vCluster' }),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcluster } from '../../__testUtils__/fixtures';
import { FakeVClusterApi } from '../../__testUtils__/FakeVClusterApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { VClusterActions } from './VClusterActions';

const user = userEvent.setup({ delay: null });

function render(api: FakeVClusterApi, onChanged = jest.fn()) {
  return renderWithApis(
    <VClusterActions vcluster={api.clusters[0]} onChanged={onChanged} />,
    { api },
  );
}

describe('VClusterActions', () => {
  it('deletes only once the exact name is typed', async () => {
    const api = new FakeVClusterApi([vcluster({ name: 'demo' })]);
    const onChanged = jest.fn();
    await render(api, onChanged);
    await user.click(
      await screen.findByRole('button', { name: 'Delete demo' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Delete vCluster demo?' }),
    );
    const confirm = dialog.getByRole('button', { name: 'Delete' });
    expect(confirm).toBeDisabled();

    await user.type(dialog.getByLabelText('Type demo to confirm'), 'dem');
    expect(confirm).toBeDisabled();
    await user.type(dialog.getByLabelText('Type demo to confirm'), 'o2');
    expect(confirm).toBeDisabled();
    expect(api.delete).not.toHaveBeenCalled();

    await user.clear(dialog.getByLabelText('Type demo to confirm'));
    await user.type(dialog.getByLabelText('Type demo to confirm'), 'demo');
    await user.click(confirm);
    await waitFor(() => expect(api.delete).toHaveBeenCalledWith('demo'));
    expect(onChanged).toHaveBeenCalled();
  });

  it("extends the TTL up to the size's maximum", async () => {
    const api = new FakeVClusterApi([
      vcluster({ name: 'demo', size: 'medium' }),
    ]);
    await render(api);
    await user.click(
      await screen.findByRole('button', { name: 'Extend TTL of demo' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Extend the TTL of demo' }),
    );
    const hours = await dialog.findByLabelText('TTL (hours)');
    await user.clear(hours);
    await user.type(hours, '30');
    expect(
      dialog.getByText('A medium vCluster lives at most 24 hours.'),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Extend' })).toBeDisabled();

    await user.clear(hours);
    await user.type(hours, '24');
    await user.click(dialog.getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(api.extendTtl).toHaveBeenCalledWith('demo', 24));
  });

  it('downloads the kubeconfig through the API as a file named after the vCluster', async () => {
    const api = new FakeVClusterApi([vcluster({ name: 'demo' })]);
    const saved: { name?: string; blob?: Blob } = {};
    URL.createObjectURL = jest.fn((blob: Blob) => {
      saved.blob = blob;
      return 'blob:kubeconfig';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        saved.name = this.download;
      });
    await render(api);
    await user.click(
      await screen.findByRole('button', {
        name: 'Download kubeconfig of demo',
      }),
    );

    await waitFor(() => expect(saved.name).toBe('demo.kubeconfig.yaml'));
    expect(api.downloadKubeconfig).toHaveBeenCalledWith('demo');
    expect(await saved.blob!.text()).toContain('kind: Config');
    click.mockRestore();
  });
});

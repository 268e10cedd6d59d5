import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { backendError } from '../../__testUtils__/backendError';
import { FakeReadinessApi } from '../../__testUtils__/FakeReadinessApi';
import { user } from '../../__testUtils__/renderReadinessPage';
import { ExportLinks } from './ExportLinks';
import { findingsExport, podSecurityExport } from './exportSources';

describe('ExportLinks', () => {
  // jsdom has no object URLs; the browser's would name the blob the click downloads.
  const saved: Array<{ name: string }> = [];
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = jest.fn(() => 'blob:export');
    URL.revokeObjectURL = jest.fn();
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        saved.push({ name: this.download });
      });
  });
  afterEach(() => jest.restoreAllMocks());

  it('downloads the findings export under a name that says its cluster and format', async () => {
    const api = new FakeReadinessApi();
    const query = { cluster: 'prod', severity: 'danger' as const };
    await renderInTestApp(<ExportLinks source={findingsExport(api, query)} />);
    await user.click(await screen.findByRole('link', { name: 'SARIF' }));
    expect(api.downloadExport).toHaveBeenCalledWith('sarif', query);
    expect(saved.map(s => s.name)).toEqual(['readiness-prod.sarif.json']);
    expect(screen.queryByText(/Export failed/)).not.toBeInTheDocument();
  });

  it("says why a Pod Security export failed, in the backend's words", async () => {
    const api = new FakeReadinessApi();
    api.downloadPodSecurityExport.mockRejectedValueOnce(
      await backendError(403, { error: { message: 'Not allowed to read' } }),
    );
    await renderInTestApp(
      <ExportLinks source={podSecurityExport(api, { owner: 'group:a' })} />,
    );
    expect(
      screen.queryByRole('link', { name: 'SARIF' }),
    ).not.toBeInTheDocument();
    await user.click(await screen.findByRole('link', { name: 'JSON' }));
    expect(
      await screen.findByText('Export failed: Not allowed to read (HTTP 403)'),
    ).toBeInTheDocument();
    expect(saved).toEqual([]);

    await user.click(screen.getByRole('link', { name: 'CSV' }));
    expect(saved.map(s => s.name)).toEqual(['pod-security-all.csv']);
  });
});

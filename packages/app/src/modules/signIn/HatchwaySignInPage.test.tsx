import { createApp } from '@backstage/frontend-defaults';
import { mockApis } from '@backstage/frontend-test-utils';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { signInModule } from '.';

/** The app as a browser loads it (not signed in yet), with the given frontend config. */
function renderApp(extra: Record<string, unknown>) {
  const config = mockApis.config({
    data: {
      app: { title: 'Hatchway', baseUrl: 'http://localhost:3000' },
      backend: { baseUrl: 'http://localhost:7007' },
      ...extra,
    },
  });
  const app = createApp({
    features: [signInModule],
    advanced: { configLoader: async () => ({ config }) },
  });
  return render(app.createRoot());
}

// The app loads its pages lazily; on a busy machine that takes a few seconds.
const LOAD = { timeout: 15_000 };

describe('the sign-in page', () => {
  it('offers guest sign-in locally (no sign-in providers configured)', async () => {
    renderApp({});
    expect(
      await screen.findByText('Guest', undefined, LOAD),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(screen.queryByText('Single sign-on')).not.toBeInTheDocument();
  });

  it('offers only single sign-on in production, and opens the OIDC login for the production environment', async () => {
    const opened: string[] = [];
    const open = jest
      .spyOn(window, 'open')
      .mockImplementation((url?: string | URL) => {
        opened.push(String(url));
        return null;
      });
    try {
      renderApp({
        auth: { environment: 'production' },
        hatchway: { signIn: { providers: ['oidc'] } },
      });
      expect(
        await screen.findByText('Single sign-on', undefined, LOAD),
      ).toBeInTheDocument();
      expect(screen.queryByText('Guest')).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Enter' }),
      ).not.toBeInTheDocument();

      // The OAuth popup goes to the backend's OIDC start for the production environment.
      fireEvent.click(screen.getByRole('button', { name: 'Sign In' }));
      await waitFor(() => expect(opened).toHaveLength(1), LOAD);
      const start = new URL(opened[0]);
      expect(`${start.origin}${start.pathname}`).toBe(
        'http://localhost:7007/api/auth/oidc/start',
      );
      expect(start.searchParams.get('env')).toBe('production');
      expect(start.searchParams.get('scope')?.split(' ')).toEqual(
        expect.arrayContaining(['openid', 'profile', 'email']),
      );
    } finally {
      open.mockRestore();
    }
  });
});

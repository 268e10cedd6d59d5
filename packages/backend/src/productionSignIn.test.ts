import { CookieBrowser } from './__testUtils__/cookieBrowser';
import {
  OidcProductionBackend,
  startOidcProductionBackend,
} from './__testUtils__/oidcProductionBackend';
import { signIn as signInAt } from './__testUtils__/oidcSignIn';
import { waitForUsers } from './__testUtils__/productionBackend';

/*
 * Sign-in on the production configuration, end to end: a real OpenID Connect issuer, the real
 * backend on Postgres with app-config.production.yaml, the organisation's Users and Groups from
 * the org location, and the browser's side of the OAuth flow (cookies, redirects, the login
 * form, the callback page) driven over HTTP.
 */

jest.setTimeout(300_000);

describe('sign-in on the production configuration (OIDC)', () => {
  let backend: OidcProductionBackend | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    backend = await startOidcProductionBackend();
    baseUrl = backend.baseUrl;
    await waitForUsers(baseUrl, ['alice', 'dave']);
  });

  afterAll(() => backend?.stop());

  function signIn(browser: CookieBrowser, login: string) {
    return signInAt(browser, baseUrl, backend!.issuerUrl, login);
  }

  function refresh(browser: CookieBrowser) {
    return browser.request(`${baseUrl}/api/auth/oidc/refresh?env=production`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
  }

  it('signs alice in through the issuer as the catalog User whose profile email matches', async () => {
    const browser = new CookieBrowser();
    const posted = await signIn(browser, 'alice');
    expect(posted.error).toBeUndefined();
    expect(posted.type).toBe('authorization_response');
    expect(posted.response?.profile.email).toBe('alice@example.com');
    const identity = posted.response!.backstageIdentity;
    expect(identity.identity.userEntityRef).toBe('user:default/alice');
    expect(identity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining(['user:default/alice', 'group:default/platform']),
    );

    // The token the portal now holds opens the catalog, which refuses callers without one.
    const me = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/user/default/alice`,
      { headers: { authorization: `Bearer ${identity.token}` } },
    );
    expect(me.status).toBe(200);
    expect((await me.json()).spec.profile.email).toBe('alice@example.com');
  });

  it('keeps alice signed in: a reload refreshes her Backstage identity from the session cookie', async () => {
    const browser = new CookieBrowser();
    await signIn(browser, 'alice');
    expect(browser.cookieNames(baseUrl)).toContain('oidc-refresh-token');

    const res = await refresh(browser);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/alice',
    );
    expect(body.backstageIdentity.token).toEqual(expect.any(String));

    // Without the session cookie there is nothing to refresh.
    const stranger = await refresh(new CookieBrowser());
    expect(stranger.status).toBe(401);
  });

  it('gives the platform group, the configured admin group, the admin permissions, and nobody else', async () => {
    const decision = async (token: string) => {
      const res = await fetch(`${baseUrl}/api/permission/authorize`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          items: [
            {
              id: 'audit',
              permission: {
                type: 'basic',
                name: 'vcluster.audit.admin',
                attributes: {},
              },
            },
          ],
        }),
      });
      expect(res.status).toBe(200);
      return (await res.json()).items[0].result;
    };
    const alice = await signIn(new CookieBrowser(), 'alice');
    const dave = await signIn(new CookieBrowser(), 'dave');
    expect(await decision(alice.response!.backstageIdentity.token)).toBe(
      'ALLOW',
    );
    expect(await decision(dave.response!.backstageIdentity.token)).toBe('DENY');
  });

  it('signs dave in by the local part of his email, in the allowed domain', async () => {
    const posted = await signIn(new CookieBrowser(), 'dave');
    expect(posted.error).toBeUndefined();
    expect(posted.response!.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/dave',
    );
  });

  it('refuses a person the identity provider knows but the catalog does not', async () => {
    const browser = new CookieBrowser();
    const posted = await signIn(browser, 'bob');
    expect(posted.response).toBeUndefined();
    expect(posted.error?.message).toMatch(/unable to resolve user identity/);
    expect(browser.cookieNames(baseUrl)).not.toContain('oidc-refresh-token');
    expect((await refresh(browser)).status).toBe(401);
  });

  it("refuses an email from another domain whose local part is a User's name", async () => {
    const posted = await signIn(new CookieBrowser(), 'mallory');
    expect(posted.response).toBeUndefined();
    expect(posted.error?.message).toMatch(/not from an allowed domain/);
  });

  it('has no guest sign-in, though app-config.yaml below enables it', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        method,
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain('token');
    }
  });
});

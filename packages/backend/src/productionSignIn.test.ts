import fs from 'node:fs';
import path from 'node:path';
import { CookieBrowser } from './__testUtils__/cookieBrowser';
import { RunningOidcIssuer, startOidcIssuer } from './__testUtils__/oidcIssuer';
import {
  freePort,
  ProductionBackend,
  startProductionBackend,
  STATIC_TOKEN,
} from './__testUtils__/productionBackend';

/*
 * Sign-in on the production configuration, end to end: a real OpenID Connect issuer, the real
 * backend on Postgres with app-config.production.yaml, the organisation's Users and Groups from
 * the org location, and the browser's side of the OAuth flow (cookies, redirects, the login
 * form, the callback page) driven over HTTP.
 */

jest.setTimeout(180_000);

const CLIENT = {
  clientId: 'hatchway-portal',
  clientSecret: 'issuer-test-secret',
};

/** The organisation as an operator would publish it: alice is a platform admin, dave is not. */
const ORG = `
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec:
  profile: { email: alice@example.com, displayName: Alice }
  memberOf: [platform]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: dave }
spec:
  memberOf: [team-a]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
`;

/** The people the identity provider knows; not all of them are in the catalog. */
const ACCOUNTS = {
  alice: { email: 'alice@example.com', name: 'Alice' },
  // No profile email in the catalog: found by the email's local part, in the allowed domain.
  dave: { email: 'dave@example.com', name: 'Dave' },
  // Known to the identity provider, not to the catalog.
  bob: { email: 'bob@example.com', name: 'Bob' },
  // Same local part as alice, other domain: must not become alice.
  mallory: { email: 'alice@elsewhere.test', name: 'Mallory' },
};

interface AuthResponse {
  type: string;
  error?: { name: string; message: string };
  response?: {
    profile: { email?: string };
    backstageIdentity: {
      token: string;
      identity: { userEntityRef: string; ownershipEntityRefs: string[] };
    };
  };
}

/** What the callback page posts to the portal window (window.opener.postMessage). */
function postedAuthResponse(html: string): AuthResponse {
  const match = /authResponse = decodeURIComponent\('([^']*)'\)/.exec(html);
  if (!match) throw new Error(`No auth response in the callback page: ${html}`);
  return JSON.parse(decodeURIComponent(match[1]));
}

async function waitForUsers(baseUrl: string, names: string[]) {
  const headers = { authorization: `Bearer ${STATIC_TOKEN}` };
  let found: string[] = [];
  for (let i = 0; i < 120; i++) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=kind=user&fields=metadata.name`,
      { headers },
    );
    const { items } = (await res.json()) as {
      items: Array<{ metadata: { name: string } }>;
    };
    const current = items.map(e => e.metadata.name);
    found = current;
    if (names.every(n => current.includes(n))) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `The org location's Users never arrived; catalog has ${found}`,
  );
}

describe('sign-in on the production configuration (OIDC)', () => {
  let issuer: RunningOidcIssuer | undefined;
  let backend: ProductionBackend | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    issuer = await startOidcIssuer({
      ...CLIENT,
      redirectUri: `http://127.0.0.1:${port}/api/auth/oidc/handler/frame`,
      accounts: ACCOUNTS,
    });
    const issuerUrl = issuer.url;
    backend = await startProductionBackend({
      port,
      env: dir => {
        const org = path.join(dir, 'org.yaml');
        fs.writeFileSync(org, ORG);
        return {
          AUTH_OIDC_METADATA_URL: `${issuerUrl}/.well-known/openid-configuration`,
          AUTH_OIDC_CLIENT_ID: CLIENT.clientId,
          AUTH_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
          AUTH_OIDC_EMAIL_DOMAIN: 'example.com',
          AUTH_SESSION_SECRET: 'production-sign-in-test-session-secret',
          HATCHWAY_ORG_LOCATION: org,
        };
      },
    });
    baseUrl = backend.baseUrl;
    await waitForUsers(baseUrl, ['alice', 'dave']);
  });

  afterAll(async () => {
    await backend?.stop();
    await issuer?.stop();
  });

  /** The sign-in popup: start, the issuer's login form, the callback page. */
  async function signIn(browser: CookieBrowser, login: string) {
    const loginPage = await browser.navigate(
      `${baseUrl}/api/auth/oidc/start?env=production`,
    );
    expect(loginPage.url).toMatch(`${issuer!.url}/interaction/`);
    expect(await loginPage.response.text()).toContain('name="login"');

    const callback = await browser.navigate(`${loginPage.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login }).toString(),
    });
    expect(callback.url).toMatch(`${baseUrl}/api/auth/oidc/handler/frame?`);
    expect(callback.response.status).toBe(200);
    return postedAuthResponse(await callback.response.text());
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

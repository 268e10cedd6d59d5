import { CookieBrowser } from './cookieBrowser';

/** The portal's OIDC client at the test issuer. */
export const CLIENT = {
  clientId: 'hatchway-portal',
  clientSecret: 'issuer-test-secret',
};

/** The people the identity provider knows; not all of them are in the catalog. */
export const ACCOUNTS = {
  alice: { email: 'alice@example.com', name: 'Alice' },
  // No profile email in the catalog: found by the email's local part, in the allowed domain.
  dave: { email: 'dave@example.com', name: 'Dave' },
  // Known to the identity provider, not to the catalog.
  bob: { email: 'bob@example.com', name: 'Bob' },
  // Same local part as alice, other domain: must not become alice.
  mallory: { email: 'alice@elsewhere.test', name: 'Mallory' },
};

export interface AuthResponse {
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
export function postedAuthResponse(html: string): AuthResponse {
  const match = /authResponse = decodeURIComponent\('([^']*)'\)/.exec(html);
  if (!match) throw new Error(`No auth response in the callback page: ${html}`);
  return JSON.parse(decodeURIComponent(match[1]));
}

/** The sign-in popup: start, the issuer's login form, the callback page. */
export async function signIn(
  browser: CookieBrowser,
  baseUrl: string,
  issuerUrl: string,
  login: string,
): Promise<AuthResponse> {
  const loginPage = await browser.navigate(
    `${baseUrl}/api/auth/oidc/start?env=production`,
  );
  expect(loginPage.url).toMatch(`${issuerUrl}/interaction/`);
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

import { CookieBrowser } from './cookieBrowser';
import { STATIC_TOKEN } from './productionBackend';

/** The portal's OIDC client at the test issuer. */
export const CLIENT = {
  clientId: 'hatchway-portal',
  clientSecret: 'issuer-test-secret',
};

/** The organisation as an operator would publish it: alice is a platform admin, dave is not. */
export const ORG = `
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
export const ACCOUNTS = {
  alice: { email: 'alice@example.com', name: 'Alice' },
  // No profile email in the catalog: found by the email's local part, in the allowed domain.
  dave: { email: 'dave@example.com', name: 'Dave' },
  // Known to the identity provider, not to the catalog.
  bob: { email: 'bob@example.com', name: 'Bob' },
  // Same local part as alice, other domain: must not become alice.
  mallory: { email: 'alice@elsewhere.test', name: 'Mallory' },
};

/** The production backend's OIDC environment for an issuer URL and an org file. */
export function oidcEnv(issuerUrl: string, orgFile: string) {
  return {
    AUTH_OIDC_METADATA_URL: `${issuerUrl}/.well-known/openid-configuration`,
    AUTH_OIDC_CLIENT_ID: CLIENT.clientId,
    AUTH_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    AUTH_OIDC_EMAIL_DOMAIN: 'example.com',
    AUTH_SESSION_SECRET: 'production-sign-in-test-session-secret',
    HATCHWAY_ORG_LOCATION: orgFile,
  };
}

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

/** Waits until the catalog has the org location's Users. */
export async function waitForUsers(baseUrl: string, names: string[]) {
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

import { CookieBrowser } from './__testUtils__/cookieBrowser';
import { RunningOidcIssuer } from './__testUtils__/oidcIssuer';
import { oidcEnv, startIssuerFor } from './__testUtils__/oidcProductionBackend';
import { signIn } from './__testUtils__/oidcSignIn';
import {
  freePort,
  ProductionBackend,
  startProductionBackend,
  waitForUsers,
} from './__testUtils__/productionBackend';

/*
 * The identity provider is down while the portal starts (a rollout of both at once, a network
 * blip): the production backend still starts, answers sign-in with a 503 that says the provider
 * is unreachable, and signs people in as soon as the real issuer answers, without a restart.
 */

jest.setTimeout(300_000);

describe('OIDC sign-in when the issuer comes up after the portal', () => {
  let issuer: RunningOidcIssuer | undefined;
  let backend: ProductionBackend | undefined;
  let baseUrl: string;
  let issuerPort: number;

  beforeAll(async () => {
    const port = await freePort();
    issuerPort = await freePort();
    backend = await startProductionBackend({
      port,
      // Nothing listens there yet.
      env: oidcEnv(`http://127.0.0.1:${issuerPort}`),
    });
    baseUrl = backend.baseUrl;
    await waitForUsers(baseUrl, ['alice']);
  });

  afterAll(async () => {
    await backend?.stop();
    await issuer?.stop();
  });

  it('answers 503 while the issuer is down, then signs alice in once it is up', async () => {
    const down = await fetch(`${baseUrl}/api/auth/oidc/start?env=production`, {
      redirect: 'manual',
    });
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body.error.name).toBe('ServiceUnavailableError');
    expect(body.error.message).toContain(
      `http://127.0.0.1:${issuerPort}/.well-known/openid-configuration`,
    );

    issuer = await startIssuerFor(baseUrl, issuerPort);

    // Sign-in works again without a restart. A request retries discovery at once, at most once
    // a second (so clicks do not flood a struggling provider): the 503 above may hold for up to
    // that second after the issuer is back, never longer.
    const backAt = Date.now();
    let start: Response;
    for (;;) {
      start = await fetch(`${baseUrl}/api/auth/oidc/start?env=production`, {
        redirect: 'manual',
      });
      if (start.status !== 503 || Date.now() - backAt >= 5_000) break;
      await start.arrayBuffer();
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toContain(issuer.url);

    const posted = await signIn(
      new CookieBrowser(),
      baseUrl,
      issuer.url,
      'alice',
    );
    expect(posted.error).toBeUndefined();
    expect(posted.response!.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/alice',
    );
  });
});

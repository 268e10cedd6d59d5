import {
  ProductionBackend,
  startProductionBackend,
  waitForUsers,
} from './__testUtils__/productionBackend';

/*
 * The alternative production sign-in: app-config.oauth2-proxy.yaml layered over
 * app-config.production.yaml. oauth2-proxy in front of the portal has signed the person in and
 * forwards who they are in X-Forwarded-* headers; the backend maps them to a catalog User. The
 * requests below carry the headers oauth2-proxy sets.
 */

jest.setTimeout(300_000);

describe('sign-in behind oauth2-proxy (app-config.oauth2-proxy.yaml)', () => {
  let backend: ProductionBackend | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    backend = await startProductionBackend({
      configs: ['app-config.oauth2-proxy.yaml'],
      // No AUTH_OIDC_* and no session secret: this layer does without them.
    });
    baseUrl = backend.baseUrl;
    await waitForUsers(baseUrl, ['alice', 'dave']);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /** What the portal's sign-in page asks on load, with the headers oauth2-proxy adds. */
  function refresh(forwarded: Record<string, string>) {
    return fetch(`${baseUrl}/api/auth/oauth2Proxy/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest', ...forwarded },
    });
  }

  it('signs the person oauth2-proxy forwards in as the catalog User with that email', async () => {
    const res = await refresh({
      'x-forwarded-email': 'alice@example.com',
      'x-forwarded-user': 'alice-idp-id',
    });
    expect(res.status).toBe(200);
    const { backstageIdentity } = await res.json();
    expect(backstageIdentity.identity.userEntityRef).toBe('user:default/alice');

    const me = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/user/default/alice`,
      { headers: { authorization: `Bearer ${backstageIdentity.token}` } },
    );
    expect(me.status).toBe(200);
  });

  it('falls back to the User named like the forwarded user', async () => {
    const res = await refresh({
      'x-forwarded-email': 'dave@example.com',
      'x-forwarded-user': 'dave',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).backstageIdentity.identity.userEntityRef).toBe(
      'user:default/dave',
    );
  });

  it('refuses a person who is not in the catalog, and a request oauth2-proxy did not annotate', async () => {
    const bob = await refresh({
      'x-forwarded-email': 'bob@example.com',
      'x-forwarded-user': 'bob',
    });
    // Backstage answers a sign-in resolver's refusal with a 500; what matters is no identity.
    expect(bob.ok).toBe(false);
    const refusal = await bob.json();
    expect(refusal.backstageIdentity).toBeUndefined();
    expect(refusal.error.message).toMatch(/unable to resolve user identity/);

    const bare = await refresh({});
    expect(bare.ok).toBe(false);
    expect((await bare.json()).backstageIdentity).toBeUndefined();
  });

  it('offers neither the OIDC flow nor guest sign-in', async () => {
    const oidc = await fetch(`${baseUrl}/api/auth/oidc/start?env=production`, {
      redirect: 'manual',
    });
    expect(oidc.status).toBe(404);
    const guest = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(guest.status).toBe(404);
  });
});

import {
  OidcProductionBackend,
  startOidcProductionBackend,
} from './__testUtils__/oidcProductionBackend';
import {
  catalogNamesOnceIn,
  STATIC_TOKEN,
} from './__testUtils__/productionBackend';

/*
 * Boots the real backend, with every Hatchway feature, on app-config.yaml layered with
 * app-config.production.yaml — the Postgres settings fed by environment variables as in a
 * deployment — and reads Hatchway's own entities back from the catalog over HTTP.
 * (Sign-in on this configuration: productionSignIn.test.ts.)
 */

jest.setTimeout(120_000);

describe('the backend on the production configuration', () => {
  let backend: OidcProductionBackend | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    backend = await startOidcProductionBackend();
    baseUrl = backend.baseUrl;
  });

  afterAll(() => backend?.stop());

  it('is ready', async () => {
    const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('publishes the configured terminal signing key, and only it, as a JWKS', async () => {
    const res = await fetch(`${baseUrl}/api/terminal/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as {
      keys: Array<{ kid: string; kty: string; d?: string }>;
    };
    expect(keys.map(k => [k.kid, k.kty])).toEqual([
      ['production-2026-11', 'RSA'],
    ]);
    expect(keys[0].d).toBeUndefined();
  });

  it("serves Hatchway's own System and Components from the catalog stored in Postgres", async () => {
    const headers = { authorization: `Bearer ${STATIC_TOKEN}` };
    const expected = [
      'hatchway-app',
      'hatchway-backend',
      'hatchway-kube-emulator',
      'hatchway-vcluster-api',
    ];
    const names = await catalogNamesOnceIn(
      baseUrl,
      'spec.system=hatchway',
      expected,
    );
    expect(names).toEqual(expect.arrayContaining(expected));

    const system = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/system/default/hatchway`,
      { headers },
    );
    expect(system.status).toBe(200);
    expect((await system.json()).spec.owner).toBe(
      'group:default/hatchway-maintainers',
    );
  });

  it('refuses catalog reads without credentials', async () => {
    const res = await fetch(`${baseUrl}/api/catalog/entities`);
    expect(res.status).toBe(401);
  });
});

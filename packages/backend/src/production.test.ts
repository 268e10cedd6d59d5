import fs from 'node:fs';
import path from 'node:path';
import { RunningOidcIssuer, startOidcIssuer } from './__testUtils__/oidcIssuer';
import {
  freePort,
  ProductionBackend,
  startProductionBackend,
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
  let issuer: RunningOidcIssuer | undefined;
  let backend: ProductionBackend | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    // Production needs its identity provider (the backend reads its discovery document at start)
    // and the org location.
    const port = await freePort();
    issuer = await startOidcIssuer({
      clientId: 'hatchway-portal',
      clientSecret: 'issuer-test-secret',
      redirectUri: `http://127.0.0.1:${port}/api/auth/oidc/handler/frame`,
      accounts: {},
    });
    const issuerUrl = issuer.url;
    backend = await startProductionBackend({
      port,
      env: dir => {
        const org = path.join(dir, 'org.yaml');
        fs.writeFileSync(org, '');
        return {
          AUTH_OIDC_METADATA_URL: `${issuerUrl}/.well-known/openid-configuration`,
          AUTH_OIDC_CLIENT_ID: 'hatchway-portal',
          AUTH_OIDC_CLIENT_SECRET: 'issuer-test-secret',
          AUTH_SESSION_SECRET: 'production-test-session-secret',
          HATCHWAY_ORG_LOCATION: org,
        };
      },
    });
    baseUrl = backend.baseUrl;
  });

  afterAll(async () => {
    await backend?.stop();
    await issuer?.stop();
  });

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
    let names: string[] = [];
    // The catalog ingests locations asynchronously; wait until every expected entity is in.
    for (let i = 0; i < 60; i++) {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?filter=spec.system=hatchway&fields=metadata.name,kind`,
        { headers },
      );
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as {
        items: Array<{ metadata: { name: string } }>;
      };
      const current = items.map(e => e.metadata.name);
      names = current;
      if (expected.every(n => current.includes(n))) break;
      await new Promise(r => setTimeout(r, 500));
    }
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

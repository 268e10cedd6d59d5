import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { RunningEmulator, startEmulator } from '@hatchway/kube-emulator';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hatchwayBackendFeatures } from './features';

/*
 * Boots the real backend, with every Hatchway feature, on app-config.yaml layered with
 * app-config.production.yaml — the Postgres settings fed by environment variables as in a
 * deployment — and reads Hatchway's own entities back from the catalog over HTTP.
 */

const REPO_ROOT = path.resolve(__dirname, '../../..');
const STATIC_TOKEN = 'hatchway-production-test-token';

function postgresUrl(): URL {
  const url =
    process.env.HATCHWAY_TEST_POSTGRES_URL ??
    Object.entries(process.env).find(([k]) =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    )?.[1];
  if (!url) {
    throw new Error(
      'No PostgreSQL for the production-config test: run scripts/test.sh, which starts one, or set HATCHWAY_TEST_POSTGRES_URL',
    );
  }
  return new URL(url);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

jest.setTimeout(120_000);

describe('the backend on the production configuration', () => {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  let backend: ReturnType<typeof createBackend> | undefined;
  let baseUrl: string;
  let overlay: string;
  let cluster: RunningEmulator | undefined;

  beforeAll(async () => {
    const pg = postgresUrl();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    Object.assign(process.env, {
      POSTGRES_HOST: pg.hostname,
      POSTGRES_PORT: pg.port,
      POSTGRES_USER: decodeURIComponent(pg.username),
      POSTGRES_PASSWORD: decodeURIComponent(pg.password),
      APP_BASE_URL: baseUrl,
      BACKEND_BASE_URL: baseUrl,
      HATCHWAY_CLUSTER_NAME: 'production',
      HATCHWAY_ADMIN_GROUP: 'group:default/platform',
    });

    // Only what a test needs on top: its own port, its own databases and a token to call with.
    overlay = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'hatchway-prod-')),
      'overlay.yaml',
    );
    fs.writeFileSync(
      overlay,
      JSON.stringify({
        backend: {
          listen: { port, host: '127.0.0.1' },
          database: { prefix: `hatchway_${process.pid}_${Date.now()}_` },
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: STATIC_TOKEN, subject: 'production-test' },
              },
            ],
          },
        },
      }),
    );

    // The cluster the portal runs in: outside a pod, its credentials come from KUBECONFIG (the
    // in-cluster token would be first in a pod). The terminal and vCluster plugins need it.
    cluster = await startEmulator({ port: 0, runControllers: false });
    const kubeconfig = path.join(path.dirname(overlay), 'kubeconfig');
    fs.writeFileSync(kubeconfig, cluster.server.kubeConfig());
    process.env.KUBECONFIG = kubeconfig;

    // The terminal's signing key comes from a file, as from a mounted Secret.
    const keyFile = path.join(path.dirname(overlay), 'terminal-signing.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(
      keyFile,
      privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    Object.assign(process.env, {
      TERMINAL_GATEWAY_URL: 'wss://shell.example.com',
      TERMINAL_SIGNING_KEY_ID: 'production-2026-11',
      TERMINAL_SIGNING_KEY_FILE: keyFile,
    });

    // The production catalog location is relative to the working directory, as in the image.
    process.env.LOG_LEVEL = 'warn';
    process.chdir(REPO_ROOT);
    backend = createBackend();
    backend.add(
      rootConfigServiceFactory({
        argv: [
          process.argv[0],
          'backend',
          '--config',
          path.join(REPO_ROOT, 'app-config.yaml'),
          '--config',
          path.join(REPO_ROOT, 'app-config.production.yaml'),
          '--config',
          overlay,
        ],
        watch: false,
      }),
    );
    for (const feature of hatchwayBackendFeatures) {
      backend.add(feature);
    }
    await backend.start();
  });

  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
    process.chdir(savedCwd);
    process.env = savedEnv;
    fs.rmSync(path.dirname(overlay), { recursive: true, force: true });
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

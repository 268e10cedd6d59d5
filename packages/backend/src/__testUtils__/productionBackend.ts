import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { RunningEmulator, startEmulator } from '@hatchway/kube-emulator';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hatchwayBackendFeatures } from '../features';

/** The repository root: app-config*.yaml and catalog-info.yaml live there. */
export const REPO_ROOT = path.resolve(
  resolvePackagePath('@hatchway/backend'),
  '../..',
);

/** A static token the production backend accepts (backend.auth.externalAccess). */
export const STATIC_TOKEN = 'hatchway-production-test-token';

export function postgresUrl(): URL {
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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ProductionBackend {
  baseUrl: string;
  /** A scratch folder that lives as long as the backend (org files and the like). */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Boots the real backend, with every Hatchway feature, on app-config.yaml layered with
 * app-config.production.yaml (and `configs`, e.g. app-config.oauth2-proxy.yaml) — the settings
 * fed by environment variables as in a deployment: Postgres, an emulated cluster reached through
 * KUBECONFIG, a terminal signing key from a file. `env` adds to (or overrides) those variables,
 * e.g. the OIDC issuer and the org location. The backend listens on `port` (default: a free
 * one); `prepare` runs with the scratch folder before the backend starts.
 */
export async function startProductionBackend(options: {
  env: (dir: string) => Record<string, string>;
  port?: number;
  configs?: string[];
}): Promise<ProductionBackend> {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const pg = postgresUrl();
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchway-prod-'));

  // Only what a test needs on top: its own port, its own databases and a token to call with.
  const overlay = path.join(dir, 'overlay.yaml');
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
  let cluster: RunningEmulator | undefined = await startEmulator({
    port: 0,
    runControllers: false,
  });
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, cluster.server.kubeConfig());

  // The terminal's signing key comes from a file, as from a mounted Secret.
  const keyFile = path.join(dir, 'terminal-signing.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(
    keyFile,
    privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  );

  Object.assign(process.env, {
    POSTGRES_HOST: pg.hostname,
    POSTGRES_PORT: pg.port,
    POSTGRES_USER: decodeURIComponent(pg.username),
    POSTGRES_PASSWORD: decodeURIComponent(pg.password),
    APP_BASE_URL: baseUrl,
    BACKEND_BASE_URL: baseUrl,
    HATCHWAY_CLUSTER_NAME: 'production',
    HATCHWAY_ADMIN_GROUP: 'group:default/platform',
    KUBECONFIG: kubeconfig,
    TERMINAL_GATEWAY_URL: 'wss://shell.example.com',
    TERMINAL_SIGNING_KEY_ID: 'production-2026-11',
    TERMINAL_SIGNING_KEY_FILE: keyFile,
    LOG_LEVEL: 'warn',
    ...options.env(dir),
  });

  // The production catalog location is relative to the working directory, as in the image.
  process.chdir(REPO_ROOT);
  let backend: ReturnType<typeof createBackend> | undefined = createBackend();
  const configs = [
    'app-config.yaml',
    'app-config.production.yaml',
    ...(options.configs ?? []),
  ];
  backend.add(
    rootConfigServiceFactory({
      argv: [
        process.argv[0],
        'backend',
        ...configs.flatMap(c => ['--config', path.join(REPO_ROOT, c)]),
        '--config',
        overlay,
      ],
      watch: false,
    }),
  );
  for (const feature of hatchwayBackendFeatures) {
    backend.add(feature);
  }

  const stop = async () => {
    await backend?.stop();
    backend = undefined;
    await cluster?.close();
    cluster = undefined;
    process.chdir(savedCwd);
    process.env = savedEnv;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await backend.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dir, stop };
}

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

/**
 * The org location of every production test, as an operator would publish it: alice is a platform
 * admin, dave is not.
 */
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
  stop(): Promise<void>;
}

/**
 * Boots the real backend, with every Hatchway feature, on app-config.yaml layered with
 * app-config.production.yaml (and `configs`, e.g. app-config.oauth2-proxy.yaml) — the settings
 * fed by environment variables as in a deployment: Postgres, an emulated cluster reached through
 * KUBECONFIG, a terminal signing key from a file, the org location (ORG, written to a file in
 * the scratch folder). `env` adds to (or overrides) those variables, e.g. the OIDC issuer. The
 * backend listens on `port` (default: a free one).
 */
export async function startProductionBackend(options: {
  env?: Record<string, string>;
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

  // The organisation's Users and Groups, as an operator publishes them.
  const orgFile = path.join(dir, 'org.yaml');
  fs.writeFileSync(orgFile, ORG);

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
    HATCHWAY_ORG_LOCATION: orgFile,
    ...options.env,
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
  return { baseUrl, stop };
}

/**
 * Polls the catalog (the catalog ingests locations asynchronously) until the entities matching
 * `filter` include every name in `names`, or a minute has passed; returns the names last seen.
 */
export async function catalogNamesOnceIn(
  baseUrl: string,
  filter: string,
  names: string[],
): Promise<string[]> {
  const headers = { authorization: `Bearer ${STATIC_TOKEN}` };
  let found: string[] = [];
  for (let i = 0; i < 120; i++) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=${filter}&fields=metadata.name`,
      { headers },
    );
    if (res.status !== 200) {
      throw new Error(
        `The catalog answered ${res.status}: ${await res.text()}`,
      );
    }
    const { items } = (await res.json()) as {
      items: Array<{ metadata: { name: string } }>;
    };
    const current = items.map(e => e.metadata.name);
    found = current;
    if (names.every(n => current.includes(n))) break;
    await new Promise(r => setTimeout(r, 500));
  }
  return found;
}

/** Waits until the catalog has the org location's Users `names`. */
export async function waitForUsers(baseUrl: string, names: string[]) {
  const found = await catalogNamesOnceIn(baseUrl, 'kind=user', names);
  if (!names.every(n => found.includes(n))) {
    throw new Error(
      `The org location's Users never arrived; catalog has ${found}`,
    );
  }
}

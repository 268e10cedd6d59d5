import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './productionBackend';

/** A person the issuer knows; they sign in by `login` name. */
export interface IssuerAccount {
  email: string;
  name: string;
}

export interface RunningOidcIssuer {
  /** The issuer URL; its discovery document is at `<url>/.well-known/openid-configuration`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID Connect issuer (oidcIssuer.mjs: panva's oidc-provider, an ES module, so a
 * child process of its own) with one confidential client and the given accounts, on `port` (a
 * free one by default; a test that configures the backend before the issuer runs picks it).
 */
export async function startOidcIssuer({
  port: wanted,
  ...settings
}: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, IssuerAccount>;
  port?: number;
}): Promise<RunningOidcIssuer> {
  const port = wanted ?? (await freePort());
  const script = resolvePackagePath(
    '@hatchway/backend',
    'src/__testUtils__/oidcIssuer.mjs',
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [script, JSON.stringify({ ...settings, port })],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', chunk => {
      stdout += chunk;
      const ready = /^ready (\S+)$/m.exec(stdout);
      if (ready) resolve(ready[1]);
    });
    child.once('exit', code =>
      reject(new Error(`OIDC issuer exited with ${code}: ${stderr}`)),
    );
  });
  return {
    url,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
